// makerscore: the whole public API. The pipeline, one stage per header:
//   load.h (rule file -> RuleSet) -> model.h (RuleSet -> Model)
//   csv.h / dataset.h / ratings.h (data) -> score.h (-> Result)
//   -> explain.h, present.h, check.h
#ifndef MAKERSCORE_MAKERSCORE_H_
#define MAKERSCORE_MAKERSCORE_H_

#include "makerscore/check.h"
#include "makerscore/csv.h"
#include "makerscore/dataset.h"
#include "makerscore/delphi.h"
#include "makerscore/diagnostics.h"
#include "makerscore/error.h"
#include "makerscore/explain.h"
#include "makerscore/flags.h"
#include "makerscore/grade_margin.h"
#include "makerscore/indicator_stats.h"
#include "makerscore/load.h"
#include "makerscore/methods.h"
#include "makerscore/missing.h"
#include "makerscore/model.h"
#include "makerscore/output.h"
#include "makerscore/present.h"
#include "makerscore/previous_result.h"
#include "makerscore/ratings.h"
#include "makerscore/report.h"
#include "makerscore/result.h"
#include "makerscore/rules.h"
#include "makerscore/schema.h"
#include "makerscore/score.h"
#include "makerscore/screening.h"
#include "makerscore/uncertainty.h"
#include "makerscore/version.h"
#include "makerscore/weights.h"
#include "makerscore/year_on_year.h"

#endif  // MAKERSCORE_MAKERSCORE_H_
