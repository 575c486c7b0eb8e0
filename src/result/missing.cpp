// The values an indicator lacked because the data lacked them (include/makerscore/missing.h).
#include "makerscore/missing.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "result/common.h"
#include "scoring/compiled_model.h"
#include "util/statistics.h"
#include "util/text.h"

namespace makerscore {

namespace {

// The median points among the entities that reported the indicator at node (NaN when none did): what
// detail::Quantile(sorted, 0.5) gives, from a selection rather than a sort.
double ReportedMedian(const Result& r, int node) {
  std::vector<double> points;
  for (int i = 0; i < r.entity_count(); ++i) {
    const double p = r.points()(i, node);
    if (!MissingFromData(r.flags()(i, node)) && !std::isnan(p)) points.push_back(p);
  }
  if (points.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double h = (static_cast<double>(points.size()) - 1) * 0.5;
  const auto lo = static_cast<std::ptrdiff_t>(std::floor(h));
  std::nth_element(points.begin(), points.begin() + lo, points.end());
  const double a = points[static_cast<std::size_t>(lo)];
  const double b = lo + 1 < static_cast<std::ptrdiff_t>(points.size())
                       ? *std::min_element(points.begin() + lo + 1, points.end())
                       : a;
  return a + (h - static_cast<double>(lo)) * (b - a);
}

// Describes the values missing from the data, one (entity, indicator) at a time; each indicator's median
// among those who reported it is worked out when first needed.
class MissingFinder {
 public:
  explicit MissingFinder(const Result& r)
      : r_(r), fields_(r.model().rules().fields), cur_(r.current()), prev_(r.previous()) {
    cur_col_.resize(fields_.size());
    prev_col_.assign(fields_.size(), -1);
    for (size_t f = 0; f < fields_.size(); ++f) {
      cur_col_[f] = cur_.FindField(fields_[f].id);
      if (prev_) prev_col_[f] = prev_->FindField(fields_[f].id);
    }
    medians_.assign(r.model().nodes().size(), std::numeric_limits<double>::quiet_NaN());
    median_known_.assign(medians_.size(), false);
  }

  // Entity i's missing value at leaf; call only where MissingFromData says one is missing.
  MissingValue At(int i, const detail::CompiledLeaf& leaf) {
    const std::uint16_t flags = r_.flags()(i, leaf.node);
    if (!median_known_[leaf.node]) {
      medians_[leaf.node] = ReportedMedian(r_, leaf.node);
      median_known_[leaf.node] = true;
    }
    MissingValue m;
    m.entity = i;
    m.node = leaf.node;
    m.imputed = (flags & kFlagImputed) != 0;
    m.points = r_.points()(i, leaf.node);
    m.max_points = detail::MostPoints(r_, leaf.node, i);
    m.reported_median = medians_[leaf.node];
    if (leaf.qualitative()) return m;
    const int prev_row = r_.previous_row(i);
    m.no_row_last_year = prev_ != nullptr && leaf.formula.uses_prev() && prev_row < 0;
    for (int f : leaf.formula.fields()) {
      bool now = false, last = false;
      for (const auto& node : leaf.formula.nodes()) {
        if (node.field != f) continue;
        now |= node.op == detail::Op::kField;
        last |= node.op == detail::Op::kPrev;
      }
      if (now && (cur_col_[f] < 0 || std::isnan(cur_.value(i, cur_col_[f])))) {
        m.fields.push_back(fields_[f].id);
        for (const CellProblem& p : r_.set_aside(i)) {
          if (p.field == fields_[f].id) m.set_aside.push_back(fields_[f].id);
        }
      }
      if (last && prev_row >= 0 && (prev_col_[f] < 0 || std::isnan(prev_->value(prev_row, prev_col_[f])))) {
        m.fields.push_back("prev(" + fields_[f].id + ")");
      }
    }
    return m;
  }

 private:
  const Result& r_;
  const std::vector<Field>& fields_;
  const Dataset& cur_;
  const Dataset* prev_;
  std::vector<int> cur_col_, prev_col_;
  std::vector<double> medians_;
  std::vector<bool> median_known_;
};

}  // namespace

bool MissingFromData(std::uint16_t flags) {
  return (flags & kFlagMissing) && !(flags & (kFlagDivisionByZero | kFlagOutOfDomain | kFlagNotFinite));
}

std::vector<MissingValue> MissingValues(const Result& r) {
  std::vector<MissingValue> out;
  MissingFinder find(r);
  for (int i : detail::RankOrder(r)) {
    for (const detail::CompiledLeaf& leaf : detail::Compiled(r.model()).leaves) {
      if (MissingFromData(r.flags()(i, leaf.node))) out.push_back(find.At(i, leaf));
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
  // Counted column by column; only the first `limit` (in rank order, as MissingValues lists them) are
  // described: a million makerspaces can lack hundreds of thousands of values.
  const auto& leaves = detail::Compiled(r.model()).leaves;
  std::size_t count = 0;
  std::vector<int> lacking;  // the entities that lack a value, in rank order below
  std::vector<bool> listed(static_cast<std::size_t>(r.entity_count()), false);
  for (const detail::CompiledLeaf& leaf : leaves) {
    const std::uint16_t* flags = r.flags().col(leaf.node).data();
    for (int i = 0; i < r.entity_count(); ++i) {
      if (!MissingFromData(flags[i])) continue;
      ++count;
      if (!listed[static_cast<std::size_t>(i)]) lacking.push_back(i), listed[static_cast<std::size_t>(i)] = true;
    }
  }
  if (count == 0) return "";
  const auto rank_key = [&r](int i) { return std::make_pair(r.rank(i) == 0 ? 1 << 30 : r.rank(i), i); };
  std::sort(lacking.begin(), lacking.end(), [&](int a, int b) { return rank_key(a) < rank_key(b); });
  std::string out = std::to_string(count) + (count == 1 ? " value is" : " values are") +
                    " missing from the data (未填报), and the missing-data policy decided the points:\n";
  MissingFinder find(r);
  int shown = 0;
  for (std::size_t k = 0; k < lacking.size() && shown < limit; ++k) {
    for (const detail::CompiledLeaf& leaf : leaves) {
      if (shown == limit || !MissingFromData(r.flags()(lacking[k], leaf.node))) continue;
      out += "  " + DescribeMissing(r, find.At(lacking[k], leaf)) + "\n";
      ++shown;
    }
  }
  if (count > static_cast<std::size_t>(limit)) {
    out += "  ... and " + std::to_string(count - static_cast<std::size_t>(limit)) +
           " more ('makerscore explain' shows each)\n";
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
