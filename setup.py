"""Builds the makerscore Python package's compiled core with CMake (see pyproject.toml)."""
import pathlib
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = pathlib.Path(__file__).resolve().parent


class CMakeExtension(Extension):
    """The _core module, built by CMake rather than by setuptools."""

    def __init__(self, name):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    """Configures and builds bindings/python with CMake, then copies _core where setuptools expects it."""

    def build_extension(self, ext):
        build = pathlib.Path(self.build_temp).resolve() / "cmake"
        subprocess.check_call([
            "cmake", "-S", str(ROOT), "-B", str(build), "-DCMAKE_BUILD_TYPE=Release",
            "-DMAKERSCORE_BUILD_PYTHON=ON", f"-DPython3_EXECUTABLE={sys.executable}",
            "-DMAKERSCORE_BUILD_TESTS=OFF", "-DMAKERSCORE_BUILD_BENCH=OFF", "-DMAKERSCORE_BUILD_CLI=OFF",
            "-DMAKERSCORE_INSTALL=OFF"])
        subprocess.check_call(["cmake", "--build", str(build), "--target", "_core", "-j2"])
        built = next((build / "python" / "makerscore").glob("_core*.so"))
        target = pathlib.Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, target)


setup(
    packages=["makerscore"],
    package_dir={"makerscore": "bindings/python/makerscore"},
    package_data={"makerscore": ["py.typed", "*.pyi"]},
    ext_modules=[CMakeExtension("makerscore._core")],
    cmdclass={"build_ext": CMakeBuild},
)
