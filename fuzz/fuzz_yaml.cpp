// Fuzzes the fast way into the YAML tree against yaml-cpp's parser: wherever the fast path reads a text,
// yaml-cpp must read it too and give the very same events (tests/yaml_events.h). A difference aborts.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "yaml_events.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::string why;
  if (makerscore::detail::Compare(text, &why) == makerscore::detail::Outcome::kDiffers) {
    std::fprintf(stderr, "the fast path and yaml-cpp differ: %s\n", why.c_str());
    std::abort();
  }
  return 0;
}
