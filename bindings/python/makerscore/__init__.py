"""makerscore: score organisations against evaluation indicator systems written as YAML rule files.

    import makerscore as ms
    rules = ms.load_rules("rules/guangxi-2019.yaml")
    result = rules.score(data_2019, previous=data_2018, ratings=ratings)
    result.to_frame()                      # one row per makerspace: rank, total, grade, subtotals
    print(result.explain("GX004", "3.1"))  # how it earned its points, number by number

Data may be pandas DataFrames (an id column or the index, one column per
field, by id or by the field's Chinese name), dicts of arrays, 2-D numpy
arrays (one column per field, in the rule file's order) or CSV file paths.
Ratings are long form: entity, indicator, expert, rating.
"""
from ._core import DataError, Error, RuleError  # noqa: F401
from ._core import __version__, flag_names, schema_reference, scoring_methods  # noqa: F401
from ._rules import Rules, check_rules, load_rules, parse_rules, score, sensitivity, uncertainty  # noqa: F401
from ._result import InputWarning, Result  # noqa: F401
from ._experts import delphi, kendall_w  # noqa: F401
from ._uncertainty import SensitivityResult, UncertaintyResult  # noqa: F401

__all__ = [
    "DataError",
    "Error",
    "InputWarning",
    "Result",
    "RuleError",
    "Rules",
    "SensitivityResult",
    "UncertaintyResult",
    "check_rules",
    "delphi",
    "kendall_w",
    "flag_names",
    "load_rules",
    "parse_rules",
    "schema_reference",
    "sensitivity",
    "score",
    "scoring_methods",
    "uncertainty",
    "__version__",
]


def _diagnostics(self):
    """Every mistake of the rule file, as dicts: severity, file, line, column, path, message, text."""
    return self.args[1] if len(self.args) > 1 else []


def _rule_error_text(self):
    """The rendered message, every mistake with its file, line and column (not the tuple of args)."""
    return str(self.args[0]) if self.args else ""


RuleError.diagnostics = property(_diagnostics)
RuleError.__str__ = _rule_error_text
