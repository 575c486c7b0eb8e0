"""Stubs of the makerscore package."""
from os import PathLike
from typing import Any, Dict, List, Optional, Sequence, Union

import numpy as np
import numpy.typing as npt
import pandas as pd

from ._core import DataError as DataError
from ._core import Error as Error
from ._core import Field, Model, Node
from ._core import Result as _CoreResult
from ._core import RuleError as RuleError
from ._core import flag_names as flag_names
from ._core import schema_reference as schema_reference
from ._core import scoring_methods as scoring_methods

__version__: str
__all__: List[str]

_Path = Union[str, "PathLike[str]"]
_Data = Union[pd.DataFrame, Dict[str, Any], npt.NDArray[np.float64], _Path]
_RatingsData = Union[pd.DataFrame, Dict[str, Any], _Path]

class Rules:
    model: Model
    id: str
    title: str
    source: str
    total: float
    weighting: str
    grades: List[Dict[str, Any]]
    fields: List[Field]
    nodes: List[Node]
    uses_previous_year: bool
    def __init__(self, model: Model) -> None: ...
    def fields_frame(self) -> pd.DataFrame: ...
    def indicators(self) -> pd.DataFrame: ...
    def weights(self) -> pd.DataFrame: ...
    def score(self, data: _Data, previous: Optional[_Data] = None, ratings: Optional[_RatingsData] = None,
              ids: Optional[Sequence[Any]] = None) -> Result: ...
    def validate(self, data: Union[pd.DataFrame, _Path]) -> pd.DataFrame: ...

class Result:
    rules: Rules
    core: _CoreResult
    values: npt.NDArray[np.float64]
    used_values: npt.NDArray[np.float64]
    scores: npt.NDArray[np.float64]
    points: npt.NDArray[np.float64]
    flags: npt.NDArray[np.uint16]
    entity_ids: List[str]
    totals: pd.Series
    ranks: pd.Series
    grades: pd.Series
    def __init__(self, core: _CoreResult, rules: Rules) -> None: ...
    def to_frame(self, kind: str = "wide") -> pd.DataFrame: ...
    def weights(self) -> pd.DataFrame: ...
    def explain(self, entity: Any, indicator: Optional[Any] = None) -> str: ...
    def table(self) -> str: ...
    def to_csv(self, path: Optional[_Path] = None) -> Optional[str]: ...
    def to_json(self) -> str: ...

def load_rules(path: _Path) -> Rules: ...
def parse_rules(text: str, name: str = "<string>") -> Rules: ...
def check_rules(path: _Path) -> List[Dict[str, Any]]: ...
def score(rules: Union[Rules, _Path], data: _Data, previous: Optional[_Data] = None,
          ratings: Optional[_RatingsData] = None, ids: Optional[Sequence[Any]] = None) -> Result: ...
def delphi(path: _Path, full_score: float = 5.0,
           fixed: Optional[Sequence[float]] = None) -> Dict[str, pd.DataFrame]: ...
def kendall_w(scores: Any) -> Dict[str, Any]: ...
