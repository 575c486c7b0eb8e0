// makerscore: the values an indicator lacked because the data lacked them.
#ifndef MAKERSCORE_MISSING_H_
#define MAKERSCORE_MISSING_H_

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "makerscore/result.h"

namespace makerscore {

// One indicator of one entity that had no value for want of data (an empty
// cell, no row last year, no usable rating), and what it earned instead.
struct MissingValue {
  int entity = 0;  // index into the result's entities
  int node = 0;    // the indicator (a leaf of model().nodes())
  // The empty inputs its formula reads, by field id: "income_total" for this
  // year, "prev(income_total)" for last year's; empty for a rated indicator.
  std::vector<std::string> fields;
  // Those of fields whose cell was there but set aside as unusable (bad_cells: set_aside).
  std::vector<std::string> set_aside;
  bool no_row_last_year = false;  // the entity is not in last year's data at all
  bool imputed = false;           // the missing-data policy put a value in its place
  double points = 0;              // points earned for it (NaN when left out or not scored)
  double max_points = 0;          // points it could earn
  // What not reporting cost, as a yardstick: the median points of the
  // indicator among the entities that did report it (NaN when none did).
  // The cost is reported_median - points when positive; it is not what the
  // entity would have earned, which no one knows.
  double reported_median = std::numeric_limits<double>::quiet_NaN();
};

// True when a value's flags say it is missing for want of data, not for a
// division by zero, log of a number <= 0 or an overflow.
bool MissingFromData(std::uint16_t flags);

// Every such value, in rank order (then the data's order for the unranked),
// indicators in tree order. Values missing for another reason (a division by
// zero, log of a number <= 0, an overflow) are not in it: explain says why
// those are missing. Safe to call from several threads.
std::vector<MissingValue> MissingValues(const Result& result);

// One line for people: "GX005 梧州创客工场: 3.1 众创空间总收入同比增长比例: not
// reported: income_total (总收入); 0 of 4 points (those who reported it: median 2.5)".
std::string DescribeMissing(const Result& result, const MissingValue& missing);

// The list under a heading, at most `limit` lines and "... and N more", or ""
// when nothing is missing.
std::string MissingSummary(const Result& result, int limit = 20);

// The empty cells of data in the fields that model's indicators read, each
// naming its row, entity, field and the indicators it feeds ("column 'staff'
// (服务人员数量) is empty (未填报); the missing-data policy decides the points
// of B"): what `makerscore validate` warns of before anything is scored.
std::vector<CellProblem> EmptyCells(const Model& model, const Dataset& data);

}  // namespace makerscore

#endif  // MAKERSCORE_MISSING_H_
