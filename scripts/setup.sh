#!/usr/bin/env bash
# Installs what makerscore needs from Debian 12's packages (only what is
# missing, so running it again is quick) and builds it in build/.
#   bash scripts/setup.sh            build the library and the makerscore command
#   bash scripts/setup.sh --tests    also the tests and benchmarks
set -euo pipefail
cd "$(dirname "$0")/.."

# The library and command; the Python package (with Debian's python3, not
# another python3 that may come first on the PATH); the notebook's tools.
packages=(build-essential cmake libeigen3-dev libyaml-cpp-dev libfyaml-dev libcli11-dev nlohmann-json3-dev libboost-math-dev libutf8proc-dev libzip-dev libpugixml-dev libxlsxwriter-dev
          pybind11-dev python3-dev python3-numpy python3-pandas python3-matplotlib fonts-wqy-microhei
          python3-venv python3-pip python3-setuptools)
with_tests=OFF
if [[ "${1:-}" == "--tests" ]]; then
  with_tests=ON
  packages+=(libgtest-dev libbenchmark-dev python3-pytest python3-nbclient python3-ipykernel python3-openpyxl clang libclang-rt-14-dev clang-format clang-tidy)
fi
# The HTML report's test opens it in headless Chromium and reads its printed pages with pdftotext; the
# browser is installed with the packages it recommends (fonts and the like), as a desktop would have it.
browser=()
[[ "$with_tests" == ON ]] && browser=(chromium chromium-driver python3-selenium poppler-utils)

missing_of() {
  for p in "$@"; do
    [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" == *"install ok installed"* ]] || echo "$p"
  done
}
mapfile -t missing < <(missing_of "${packages[@]}")
mapfile -t missing_browser < <(missing_of "${browser[@]}")
if ((${#missing[@]} + ${#missing_browser[@]})); then
  echo "Installing from Debian's packages: ${missing[*]} ${missing_browser[*]}"
  sudo=""
  [[ "$(id -u)" -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  if ((${#missing[@]})); then
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  if ((${#missing_browser[@]})); then
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing_browser[@]}" >/dev/null
  fi
fi

# A build set up with its tests keeps them (running the example must not turn them off).
if [[ "$with_tests" == OFF ]] && grep -qs "MAKERSCORE_BUILD_TESTS:BOOL=ON" build/CMakeCache.txt; then
  with_tests=ON
fi
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DMAKERSCORE_BUILD_PYTHON=ON -DPython3_EXECUTABLE=/usr/bin/python3 \
  -DMAKERSCORE_BUILD_TESTS="$with_tests" -DMAKERSCORE_BUILD_BENCH="$with_tests" >/dev/null
cmake --build build -j2
