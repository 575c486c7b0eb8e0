// The values an indicator lacked because the data lacked them (include/makerscore/missing.h).
#include "makerscore/missing.h"

#include <algorithm>
#include <cmath>

#include "result/common.h"
#include "scoring/compiled_model.h"
#include "util/statistics.h"
#include "util/text.h"

namespace makerscore {

namespace {

// Per node: the median points among the entities that reported the indicator (NaN for none, and for groups).
std::vector<double> ReportedMedians(const Result& r) {
  std::vector<double> medians(r.model().nodes().size(), std::numeric_limits<double>::quiet_NaN());
  std::vector<double> points;
  for (const detail::CompiledLeaf& leaf : detail::Compiled(r.model()).leaves) {
    points.clear();
    for (int i = 0; i < r.entity_count(); ++i) {
      const double p = r.points()(i, leaf.node);
      if (!MissingFromData(r.flags()(i, leaf.node)) && !std::isnan(p)) points.push_back(p);
    }
    if (points.empty()) continue;
    std::sort(points.begin(), points.end());
    medians[leaf.node] = detail::Quantile(points, 0.5);
  }
  return medians;
}

}  // namespace

bool MissingFromData(std::uint16_t flags) {
  return (flags & kFlagMissing) && !(flags & (kFlagDivisionByZero | kFlagOutOfDomain | kFlagNotFinite));
}

std::vector<MissingValue> MissingValues(const Result& r) {
  std::vector<MissingValue> out;
  const auto& leaves = detail::Compiled(r.model()).leaves;
  const auto& fields = r.model().rules().fields;
  const Dataset& cur = r.current();
  const Dataset* prev = r.previous();
  std::vector<int> cur_col(fields.size()), prev_col(fields.size(), -1);
  for (size_t f = 0; f < fields.size(); ++f) {
    cur_col[f] = cur.FindField(fields[f].id);
    if (prev) prev_col[f] = prev->FindField(fields[f].id);
  }
  std::vector<double> medians;  // worked out at the first missing value
  for (int i : detail::RankOrder(r)) {
    for (const detail::CompiledLeaf& leaf : leaves) {
      const std::uint16_t flags = r.flags()(i, leaf.node);
      if (!MissingFromData(flags)) continue;
      if (medians.empty()) medians = ReportedMedians(r);
      MissingValue m;
      m.entity = i;
      m.node = leaf.node;
      m.imputed = (flags & kFlagImputed) != 0;
      m.points = r.points()(i, leaf.node);
      m.max_points = detail::MostPoints(r, leaf.node, i);
      m.reported_median = medians[leaf.node];
      if (!leaf.qualitative()) {
        const int prev_row = r.previous_row(i);
        m.no_row_last_year = prev != nullptr && leaf.formula.uses_prev() && prev_row < 0;
        for (int f : leaf.formula.fields()) {
          bool now = false, last = false;
          for (const auto& node : leaf.formula.nodes()) {
            if (node.field != f) continue;
            now |= node.op == detail::Op::kField;
            last |= node.op == detail::Op::kPrev;
          }
          if (now && (cur_col[f] < 0 || std::isnan(cur.value(i, cur_col[f])))) {
            m.fields.push_back(fields[f].id);
            for (const CellProblem& p : r.set_aside(i)) {
              if (p.field == fields[f].id) m.set_aside.push_back(fields[f].id);
            }
          }
          if (last && prev_row >= 0 && (prev_col[f] < 0 || std::isnan(prev->value(prev_row, prev_col[f])))) {
            m.fields.push_back("prev(" + fields[f].id + ")");
          }
        }
      }
      out.push_back(std::move(m));
    }
  }
  return out;
}

std::string DescribeMissing(const Result& r, const MissingValue& m) {
  const Node& node = r.model().nodes()[m.node];
  const std::string& name = r.entity_names()[m.entity];
  std::string out =
      r.entity_ids()[m.entity] + (name.empty() ? "" : " " + name) + ": " + node.id + " " + node.name + ": ";
  std::vector<std::string> what;
  if (m.no_row_last_year) what.push_back("not in last year's data");
  std::vector<std::string> unusable;
  for (const std::string& f : m.fields) {
    const bool last = f.rfind("prev(", 0) == 0;
    if (std::find(m.set_aside.begin(), m.set_aside.end(), f) != m.set_aside.end()) {
      const Field* field = r.model().rules().FindField(f);
      unusable.push_back(f + (field && !field->name.empty() ? " (" + field->name + ")" : ""));
      continue;
    }
    const std::string id = last ? f.substr(5, f.size() - 6) : f;
    const Field* field = r.model().rules().FindField(id);
    what.push_back(f + (field && !field->name.empty() ? " (" + field->name + (last ? ", last year" : "") + ")" : ""));
  }
  if (node.kind == NodeKind::kQualitative && what.empty()) what.push_back("no usable expert rating");
  if (!what.empty() || unusable.empty()) {
    out += (what.empty() ? std::string("not reported") : "not reported: " + detail::Join(what, ", ")) + "; ";
  }
  if (!unusable.empty()) out += "set aside as unusable: " + detail::Join(unusable, ", ") + "; ";
  if (std::isnan(m.points)) return out + "left out (its weight goes to the others)";
  return out + detail::FormatNumber(m.points, 2) + " of " + detail::FormatNumber(m.max_points, 2) + " points" +
         (m.imputed ? " (a value put in its place by the missing-data policy)" : "") +
         (std::isnan(m.reported_median)
              ? ""
              : " (those who reported it: median " + detail::FormatNumber(m.reported_median, 2) + ")");
}

std::string MissingSummary(const Result& r, int limit) {
  const std::vector<MissingValue> missing = MissingValues(r);
  if (missing.empty()) return "";
  std::string out = std::to_string(missing.size()) + (missing.size() == 1 ? " value is" : " values are") +
                    " missing from the data (未填报), and the missing-data policy decided the points:\n";
  for (size_t k = 0; k < missing.size() && static_cast<int>(k) < limit; ++k)
    out += "  " + DescribeMissing(r, missing[k]) + "\n";
  if (static_cast<int>(missing.size()) > limit) {
    out += "  ... and " + std::to_string(missing.size() - limit) + " more ('makerscore explain' shows each)\n";
  }
  return out;
}

std::vector<CellProblem> EmptyCells(const Model& model, const Dataset& data) {
  const auto& fields = model.rules().fields;
  std::vector<std::vector<std::string>> readers(fields.size());  // the indicators that read each field
  for (const auto& leaf : detail::Compiled(model).leaves) {
    if (leaf.qualitative()) continue;
    for (int f : leaf.formula.fields()) readers[f].push_back(model.nodes()[leaf.node].id);
  }
  std::vector<int> column(fields.size());
  for (size_t f = 0; f < fields.size(); ++f) column[f] = data.FindField(fields[f].id);
  std::vector<CellProblem> out;
  for (int i = 0; i < data.entity_count(); ++i) {
    for (size_t f = 0; f < fields.size(); ++f) {
      if (readers[f].empty() || column[f] < 0 || !std::isnan(data.value(i, column[f]))) continue;
      out.push_back({data.row(i), data.entity_ids()[i], fields[f].id,
                     "column '" + fields[f].id + "' (" + fields[f].name +
                         ") is empty (未填报); the missing-data policy decides the points of " +
                         detail::Join(readers[f], ", ")});
    }
  }
  return out;
}

}  // namespace makerscore
