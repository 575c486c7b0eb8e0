"""Stubs of makerscore._core, the compiled core (use the makerscore package instead)."""
from os import PathLike
from typing import Any, Dict, List, Optional, Tuple

import numpy as np
import numpy.typing as npt

__version__: str

class Error(ValueError): ...
class RuleError(Error):
    diagnostics: List[Dict[str, Any]]
class DataError(Error): ...

class Field:
    id: str
    name: str
    unit: str
    kind: str
    min: Optional[float]
    max: Optional[float]
    section: str
    description: str

class Node:
    id: str
    name: str
    kind: str
    parent: int
    depth: int
    children: List[int]
    share: float
    max_points: float
    class_max_points: List[float]
    weight: float
    formula: str
    method: str
    scale: str
    weights_method: str
    consistency_ratio: float
    missing_comparisons: int

class Model:
    id: str
    title: str
    source: str
    file: str
    weights_file: str
    total: float
    weighting: str
    bad_cells: str
    id_column: str
    name_column: str
    fields: List[Field]
    nodes: List[Node]
    grades: List[Dict[str, Any]]
    class_labels: List[str]
    adjustment_ids: List[str]
    uses_previous_year: bool
    has_checks: bool
    def find_node(self, indicator_id: str) -> int: ...
    def weights_table(self) -> str: ...

class Dataset:
    entity_ids: List[str]
    entity_names: List[str]
    field_ids: List[str]
    entity_count: int
    source: str
    set_aside: List[Dict[str, Any]]
    def with_set_aside(self, cells: List[Tuple[int, str, str, str]]) -> "Dataset": ...
    def column(self, j: int) -> npt.NDArray[np.float64]: ...
    def categories(self, j: int) -> List[str]: ...

class Ratings:
    count: int
    source: str
    def labels(self, column: str) -> List[str]: ...

class Result:
    model: Model
    entity_ids: List[str]
    entity_names: List[str]
    values: npt.NDArray[np.float64]
    used_values: npt.NDArray[np.float64]
    scores: npt.NDArray[np.float64]
    points: npt.NDArray[np.float64]
    flags: npt.NDArray[np.uint16]
    adjustment_points: npt.NDArray[np.float64]
    totals: npt.NDArray[np.float64]
    ranks: npt.NDArray[np.int32]
    def ranks_of(self, node: int) -> npt.NDArray[np.int32]: ...
    grades: List[str]
    set_aside: List[List[str]]
    warnings: List[str]
    vetoes: List[List[str]]
    graded_directly: List[str]
    classes: List[str]
    shares: List[float]
    stats: List[Dict[str, Any]]
    max_points: npt.NDArray[np.float64]
    def aggregation_trace(self, node: int) -> Optional[Dict[str, Any]]: ...
    def screening(self) -> Optional[Dict[str, Any]]: ...
    def grade_margins(self) -> Optional[Dict[str, Any]]: ...
    def year_on_year(self) -> Optional[Dict[str, Any]]: ...
    def weights_table(self) -> str: ...
    def explain(self, entity: str, indicator: str = "", experts: str = "ids", language: str = "") -> str: ...
    def table(self) -> str: ...
    def html_report(self, entity: str = "", uncertainty: Optional[UncertaintyResult] = None, parts: str = "all",
                    experts: str = "ids") -> str: ...
    def write_csv(self, path: str) -> None: ...
    def write_xlsx(self, path: str) -> None: ...
    def missing(self) -> List[Dict[str, Any]]: ...
    def missing_summary(self) -> str: ...
    def missing_count(self) -> int: ...
    @property
    def detail(self) -> str: ...
    def write_html_report(self, path: str, entity: str = "",
                          uncertainty: Optional[UncertaintyResult] = None, parts: str = "all",
                          experts: str = "ids") -> List[str]: ...
    def csv(self) -> str: ...
    def json(self) -> str: ...

def load_rules(path: str) -> Model: ...
def parse_rules(text: str, name: str = "<string>") -> Model: ...
def check_rules(path: str) -> List[Dict[str, Any]]: ...
def schema_reference() -> str: ...
def scoring_methods() -> List[Dict[str, Any]]: ...
def dataset_from_columns(field_ids: List[str], entity_ids: List[str], entity_names: List[str],
                         columns: List[npt.NDArray[np.float64]], categories: List[List[str]],
                         source: str = "") -> Dataset: ...
def read_dataset_csv(path: str, model: Model, encoding: str = "utf-8", sheet: str = "") -> Dataset: ...
def read_dataset_csv_lenient(path: str, model: Model, encoding: str = "utf-8",
                             sheet: str = "") -> Tuple[Dataset, List[Dict[str, Any]]]: ...
def check_values(model: Model, data: Dataset) -> List[Dict[str, Any]]: ...
def ratings_from_columns(columns: List[npt.NDArray[Any]], source: str = "ratings") -> Ratings: ...
def ratings_from_categories(codes: List[npt.NDArray[Any]], categories: List[npt.NDArray[Any]],
                            source: str = "ratings") -> Ratings: ...
def match_header(header: List[str], model: Model) -> Dict[str, Any]: ...
def read_ratings_csv(path: str, encoding: str = "utf-8", sheet: str = "") -> Ratings: ...
class PreviousResult:
    ids: List[str]
    totals: List[float]
    ranks: List[float]
    grades: List[str]
    def __init__(self, ids: List[str], totals: List[float], ranks: List[float], grades: List[str],
                 source: str = "") -> None: ...
def read_previous_result(path: str, encoding: str = "utf-8", sheet: str = "") -> PreviousResult: ...
def score(model: Model, data: Dataset, previous: Optional[Dataset] = None,
          ratings: Optional[Ratings] = None, threads: int = 1,
          previous_result: Optional[PreviousResult] = None, detail: str = "full") -> Result: ...
def check_dataset(model: Model, data: Dataset) -> List[Dict[str, Any]]: ...
def delphi(path: str, full_score: float = 5.0, fixed: Optional[Tuple[float, float, float]] = None,
           tie_correction: bool = True) -> str: ...
def kendall_w(scores: npt.NDArray[np.float64], tie_correction: bool = True) -> Dict[str, Any]: ...
def flag_names(flags: int) -> List[str]: ...
def display_width(text: str) -> int: ...

class UncertaintyResult:
    entity_ids: List[str]
    entity_names: List[str]
    grades: List[str]
    inputs: List[str]
    seed: int
    totals: npt.NDArray[np.float64]
    ranks: npt.NDArray[np.int32]
    entities: List[Dict[str, Any]]
    def table(self) -> str: ...
    def json(self, with_replications: bool = False) -> str: ...

class SensitivityResult:
    output: str
    base_samples: int
    runs: int
    seed: int
    output_mean: float
    output_variance: float
    converged: bool
    largest_change: float
    tolerance: float
    indices: List[Dict[str, Any]]
    def table(self) -> str: ...
    def json(self) -> str: ...

def uncertainty(model: Model, data: Dataset, previous: Optional[Dataset] = None, ratings: Optional[Ratings] = None,
                replications: Optional[int] = None, seed: Optional[int] = None,
                threads: int = 0) -> UncertaintyResult: ...
def sensitivity(model: Model, data: Dataset, previous: Optional[Dataset] = None, ratings: Optional[Ratings] = None,
                replications: Optional[int] = None, seed: Optional[int] = None, threads: int = 0,
                bootstrap: int = 1000) -> SensitivityResult: ...
def load_rules_with_inputs(rules: str, inputs: str) -> Model: ...
def with_report_info(model: Model, path: str) -> Model: ...
def with_weights(model: Model, path: str) -> Model: ...
