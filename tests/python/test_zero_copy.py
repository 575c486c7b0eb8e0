"""Large cohorts cross the boundary without a copy of the numeric data."""
import numpy as np
import pandas as pd

import makerscore as ms
from makerscore import _core, _data

RULES = """format: makerscore/1
id: z
title: 零拷贝
fields: [{id: a, name: 甲}, {id: b, name: 乙}]
indicators:
  - {id: A, name: 甲, weight: 50, value: a, score: {method: minmax}}
  - {id: B, name: 乙, weight: 50, value: a / b, score: {method: minmax}}
"""


def test_float64_dataframe_columns_are_borrowed():
    rules = ms.parse_rules(RULES)
    # Ids in the index (a DataFrame with neither an id column nor ids is refused, issue 15).
    frame = pd.DataFrame({"a": np.arange(1000, dtype=np.float64), "b": np.ones(1000)},
                         index=pd.Index([f"S{i}" for i in range(1000)], name="id"))
    dataset = _data.to_dataset(rules.model, frame)
    for j, name in enumerate(["a", "b"]):
        # The core reads the very memory pandas holds.
        assert np.shares_memory(dataset.column(j), frame[name].to_numpy())
    assert not dataset.column(0).flags.writeable


def test_fortran_ordered_array_columns_are_borrowed():
    rules = ms.parse_rules(RULES)
    array = np.asfortranarray(np.random.default_rng(1).random((500, 2)))
    dataset = _data.to_dataset(rules.model, array)
    assert np.shares_memory(dataset.column(1), array)


def test_result_arrays_are_views_of_the_core():
    rules = ms.parse_rules(RULES)
    result = rules.score({"id": [str(i) for i in range(100)], "a": np.arange(100.0), "b": np.full(100, 2.0)})
    points = result.points
    assert points.flags.f_contiguous        # Eigen is column-major: one contiguous column per node
    assert not points.flags.owndata         # a view, not a copy
    assert not points.flags.writeable
    assert np.shares_memory(points, result.points)


def test_dataset_outlives_the_frame():
    rules = ms.parse_rules(RULES)
    frame = pd.DataFrame({"a": [1.0, 2.0], "b": [1.0, 1.0]}, index=pd.Index(["X", "Y"], name="id"))
    dataset = _data.to_dataset(rules.model, frame)
    del frame
    # The dataset keeps the arrays alive.
    assert list(dataset.column(0)) == [1.0, 2.0]
    result = _core.score(rules.model, dataset)
    assert result.totals[1] == 100


def test_ids_and_names_as_text_whatever_their_cells():
    # Ids and names all text cross as they are; numbers become their text and a missing name becomes ''.
    rules = ms.parse_rules(RULES)
    numbers = {"a": [1.0, 2.0, 3.0], "b": [1.0, 1.0, 1.0]}
    text = _data.to_dataset(rules.model, pd.DataFrame({"id": ["S1", "S2", "S3"], "name": ["甲", "乙", "丙"], **numbers}))
    assert (text.entity_ids, text.entity_names) == (["S1", "S2", "S3"], ["甲", "乙", "丙"])
    mixed = _data.to_dataset(rules.model, pd.DataFrame({"id": [101, 102, 103], "name": ["甲", None, np.nan],
                                                        **numbers}))
    assert (mixed.entity_ids, mixed.entity_names) == (["101", "102", "103"], ["甲", "", ""])
    typed = _data.to_dataset(rules.model, pd.DataFrame({"id": pd.array(["S1", "S2", "S3"], dtype="string"),
                                                        "name": pd.array(["甲", None, "丙"], dtype="string"),
                                                        **numbers}))
    assert (typed.entity_ids, typed.entity_names) == (["S1", "S2", "S3"], ["甲", "", "丙"])
