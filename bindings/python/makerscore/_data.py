"""Turning pandas DataFrames, dicts of arrays, numpy arrays and CSV paths into
the core's datasets and ratings, without copying float64 columns."""
import os

import numpy as np
import pandas as pd

from . import _core


def to_dataset(model, data, source="data", ids=None, encoding="utf-8", sheet=""):
    """A _core.Dataset for model from a DataFrame, a dict of arrays, a 2-D array or a CSV path."""
    if isinstance(data, _core.Dataset):
        return data
    if isinstance(data, (str, os.PathLike)):
        if model.bad_cells == "set_aside":
            return _core.read_dataset_csv_lenient(os.fspath(data), model, encoding, sheet)[0]
        return _core.read_dataset_csv(os.fspath(data), model, encoding, sheet)
    if isinstance(data, np.ndarray):
        return _from_array(model, data, source, ids)
    if isinstance(data, dict):
        data = pd.DataFrame(data)
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{source}: expected a pandas DataFrame, a dict of arrays, a 2-D numpy array or a CSV path, "
                        f"not {type(data).__name__}")
    return _from_frame(model, data, source, ids)


def _from_array(model, array, source, ids):
    fields = model.fields
    if array.ndim != 2 or array.shape[1] != len(fields):
        raise _core.DataError(f"{source}: a numpy array needs one column per field of the rule file "
                              f"({len(fields)}), in its order; this one has shape {array.shape}")
    if any(f.kind == "category" for f in fields):
        raise _core.DataError(f"{source}: the rule file has category fields; pass a DataFrame instead of an array")
    # Fortran order keeps each column contiguous, so columns cross without a copy.
    array = np.asfortranarray(array, dtype=np.float64)
    n = array.shape[0]
    entity_ids = [str(i) for i in (ids if ids is not None else range(1, n + 1))]
    columns = [array[:, j] for j in range(len(fields))]
    dataset = _core.dataset_from_columns([f.id for f in fields], entity_ids, [], columns,
                                         [[] for _ in fields], source)
    return _check_values(model, dataset, source)


def _from_frame(model, frame, source, ids=None):
    id_col, name_col = model.id_column, model.name_column
    duplicated = sorted({str(c) for c in frame.columns[frame.columns.duplicated()]})
    if duplicated:
        raise _core.DataError(f"{source}: the column(s) {', '.join(repr(c) for c in duplicated)} appear more than "
                              "once; give each column once")
    labels = [str(c) for c in frame.columns]
    header = _core.match_header(labels, model)  # as the CSV reader finds them: 编号, 名称, units in brackets
    if ids is not None and not isinstance(ids, str):
        entity_ids = pd.Series(list(ids))
        if len(entity_ids) != len(frame):
            raise _core.DataError(f"{source}: ids= gives {len(entity_ids)} ids for {len(frame)} rows")
    elif ids is not None:
        if ids not in frame.columns:
            raise _core.DataError(f"{source}: ids={ids!r} names no column; the columns are "
                                  + ", ".join(repr(c) for c in labels))
        entity_ids = frame[ids]
    elif header["id_column"] >= 0:
        entity_ids = frame.iloc[:, header["id_column"]]
    elif not isinstance(frame.index, pd.RangeIndex) or frame.index.name is not None:
        entity_ids = frame.index.to_series()  # ids as the index
    else:
        raise _core.DataError(f"{source}: no column holding the entity ids: name one {id_col!r} (the rule file's "
                              f"entity id column) or 编号, pass ids='column', or put the ids in the index; the "
                              f"columns are " + ", ".join(repr(c) for c in labels[:12]))
    id_values = entity_ids.to_numpy()
    if pd.api.types.infer_dtype(id_values, skipna=False) == "string":  # every id text: none missing
        entity_ids = id_values.tolist()
    else:
        missing_ids = np.flatnonzero(pd.isna(entity_ids).to_numpy())
        if len(missing_ids):
            rows = ", ".join(str(int(r) + 1) for r in missing_ids[:20])
            raise _core.DataError(f"{source}: the entity id is missing (NaN or None) in row(s) {rows}; every row "
                                  "needs its id")
        entity_ids = [str(v) for v in entity_ids]
    name_at = header["name_column"]
    names = _texts(frame.iloc[:, name_at]) if name_at >= 0 else []
    field_ids, columns, categories, problems, absent = [], [], [], [], []
    set_aside = []  # (row, entity, field, message) of cells that are not numbers
    unit_problems = [p for p in header["problems"] if " is in " in p]  # a unit in brackets that differs
    if unit_problems:
        raise _core.DataError("\n".join(f"{source}: {p}" for p in unit_problems))
    for f, at in zip(model.fields, header["field_column"]):
        if at < 0:
            absent.append(f"{f.id} ({f.name})")
            continue
        key = labels[at]
        col = frame.iloc[:, at]
        field_ids.append(f.id)
        if f.kind == "category":
            codes, uniques = pd.factorize(col, use_na_sentinel=True)
            values = codes.astype(np.float64)
            values[codes < 0] = np.nan
            columns.append(values)
            categories.append([str(v) for v in uniques])
            continue
        categories.append([])
        problem = _not_numbers(col, f)
        if problem:
            problems.append(f"{source}: column {str(key)!r}: {problem}")
            continue
        if col.dtype == np.float64:
            values = col.to_numpy()  # borrowed, not copied
        elif pd.api.types.is_bool_dtype(col.dtype) or pd.api.types.is_numeric_dtype(col.dtype):
            # numpy integers and pandas' nullable Int64/Float64/boolean, with pd.NA as missing
            values = col.to_numpy(dtype=np.float64, na_value=np.nan)
        else:
            numeric = pd.to_numeric(col, errors="coerce")
            bad = numeric.isna() & col.notna() & (col.astype(str).str.strip() != "")
            for row in np.flatnonzero(bad.to_numpy()):
                set_aside.append((int(row) + 1, entity_ids[row], f.id,
                                  f"column '{f.id}' ({f.name}): expected a number, found {col.iloc[row]!r}"))
            values = numeric.to_numpy(dtype=np.float64, na_value=np.nan)
        columns.append(np.ascontiguousarray(values))
    if absent:
        problems.insert(0, f"{source}: missing {len(absent)} column(s) of the rule file's fields (by id or name): "
                           + ", ".join(absent))
    if problems:
        raise _core.DataError("\n".join(problems))
    dataset = _core.dataset_from_columns(field_ids, entity_ids, names, columns, categories, source)
    return _check_values(model, dataset, source, set_aside)


def _texts(column):
    """A column's cells as text, '' where one is missing."""
    values = column.to_numpy()
    if pd.api.types.infer_dtype(values, skipna=False) == "string":  # all text already, none missing
        return values.tolist()
    return [("" if pd.isna(v) else str(v)) for v in values]


def _not_numbers(col, field):
    """Why a column cannot hold field's numbers (dates, True/False where the field is not a flag,
    complex numbers ...), or ""."""
    dtype = col.dtype
    unit = f" in {field.unit}" if field.unit else ""
    if pd.api.types.is_datetime64_any_dtype(dtype) or isinstance(dtype, pd.PeriodDtype):
        return f"holds dates ({dtype}); expected numbers{unit}"
    if pd.api.types.is_timedelta64_dtype(dtype):
        return f"holds durations ({dtype}); expected numbers{unit}"
    if pd.api.types.is_complex_dtype(dtype):
        return f"holds complex numbers ({dtype}); expected numbers{unit}"
    if pd.api.types.is_bool_dtype(dtype) and field.kind != "flag":
        return f"holds True/False ({dtype}); only a field of kind 'flag' takes them, and '{field.id}' is of kind " \
               f"'{field.kind}'"
    if isinstance(dtype, pd.IntervalDtype):
        return f"holds intervals ({dtype}); expected numbers{unit}"
    return ""


def _check_values(model, dataset, source, set_aside=()):
    """dataset, with its unusable cells (set_aside, plus the values the rules do not allow) set aside when
    the rule file's bad_cells allows it; otherwise raises DataError listing them."""
    cells = list(set_aside) + [(p["row"], p["entity"], p["field"], p["message"])
                               for p in _core.check_values(model, dataset)]
    if not cells:
        return dataset
    if model.bad_cells == "set_aside":
        return dataset.with_set_aside(cells)
    lines = [f"{source}: entity '{entity}': {message}" for _, entity, _, message in cells[:20]]
    if len(cells) > 20:
        lines.append(f"... and {len(cells) - 20} more problems")
    raise _core.DataError("\n".join(lines))


def to_ratings(ratings, source="ratings", encoding="utf-8"):
    """A _core.Ratings from a long-form DataFrame (entity, indicator, expert, rating) or a CSV path."""
    if ratings is None or isinstance(ratings, _core.Ratings):
        return ratings
    if isinstance(ratings, (str, os.PathLike)):
        return _core.read_ratings_csv(os.fspath(ratings), encoding)
    if isinstance(ratings, dict):
        ratings = pd.DataFrame(ratings)
    missing = [c for c in ("entity", "indicator", "expert", "rating") if c not in ratings.columns]
    if missing:
        raise _core.DataError(f"{source}: no column(s) {', '.join(missing)}; ratings have the columns "
                              "entity, indicator, expert, rating")

    names = ("entity", "indicator", "expert", "rating")
    if all(isinstance(ratings[col].dtype, pd.CategoricalDtype) for col in names):
        # Categorical columns cross as their codes: each category's text is read once.
        return _core.ratings_from_categories([ratings[col].cat.codes.to_numpy() for col in names],
                                             [ratings[col].cat.categories.to_numpy(dtype=object) for col in names],
                                             source)
    return _core.ratings_from_columns([ratings[col].to_numpy() for col in names], source)
