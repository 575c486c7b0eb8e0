"""The benchmarks' generator (bench/python/generate.py): streamed in chunks, the same files as in memory."""
import importlib.util

import pytest


@pytest.fixture
def generate(root):
    spec = importlib.util.spec_from_file_location("generate", root / "bench" / "python" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("n, chunk", [(1000, 64), (999, 10), (777, 7), (5, 1)])
def test_streamed_files_are_the_in_memory_draws(generate, tmp_path, n, chunk):
    # Issue 20: write() streams n makerspaces `chunk` at a time (1,000,000 in well under 4 GB), taking each
    # chunk's numbers from the seeded stream where cohort() takes them: the same bytes, whatever the chunk
    # (odd n and odd chunks too: the ratings' 32-bit draws share 64-bit numbers).
    now, before, ratings = generate.cohort(n)
    generate.write(n, tmp_path, chunk=chunk)
    for frame, name in ((now, "data.csv"), (before, "previous.csv"), (ratings, "ratings.csv")):
        assert (tmp_path / name).read_text(encoding="utf-8") == frame.to_csv(index=False), name
