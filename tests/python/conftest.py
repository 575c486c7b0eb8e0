"""Shared fixtures: where the sources, the example data and the command are."""
import os
import pathlib

import pandas as pd
import pytest

ROOT = pathlib.Path(os.environ.get("MAKERSCORE_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
CLI = os.environ.get("MAKERSCORE_CLI", str(ROOT / "build" / "makerscore"))


@pytest.fixture
def root():
    return ROOT


@pytest.fixture
def cli():
    return CLI


@pytest.fixture
def guangxi_frames():
    data = ROOT / "examples" / "data"
    read = lambda name: pd.read_csv(data / name, comment="#")  # noqa: E731
    return read("guangxi-example-2019.csv"), read("guangxi-example-2018.csv"), read("guangxi-example-ratings.csv")
