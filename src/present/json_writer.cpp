// The result as JSON (nlohmann::json stays inside this file).
#include <charconv>
#include <nlohmann/json.hpp>

#include "makerscore/grade_margin.h"
#include "makerscore/present.h"
#include "makerscore/year_on_year.h"
#include "result/common.h"

namespace makerscore {

namespace {

// A number to 15 significant digits (every decimal a report holds survives), then written in as few digits
// as read back the same: points that add up, 20 + 20 + 20, are 60 and not 60.00000000000001.
nlohmann::json Number(double x) {
  if (x != x) return nlohmann::json(nullptr);
  char buf[32];
  const char* end = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::general, 15).ptr;
  double rounded = x;
  std::from_chars(buf, end, rounded);  // both locale-independent
  return nlohmann::json(rounded);
}

}  // namespace

std::string ToJson(const Result& r) {
  const auto& nodes = r.model().nodes();
  const RuleSet& rules = r.model().rules();
  nlohmann::json doc;
  doc["rules"] = {{"id", rules.id}, {"title", rules.title}, {"total", rules.total}};
  if (!rules.weights_file.empty()) doc["rules"]["weights_file"] = rules.weights_file;
  nlohmann::json indicators = nlohmann::json::array();
  for (size_t k = 1; k < nodes.size(); ++k) {
    indicators.push_back(
        {{"id", nodes[k].id},
         {"name", nodes[k].name},
         {"parent", nodes[nodes[k].parent].id},
         {"max_points", r.entity_count() > 0 ? r.max_points(0, static_cast<int>(k)) : nodes[k].max_points}});
  }
  doc["indicators"] = indicators;
  // The grades' cut-offs in this cohort (null: a grade no total earns), and the margin that counts as near.
  const std::vector<double> cutoffs = GradeCutoffs(r);
  if (!rules.grades.empty()) {
    nlohmann::json grades = nlohmann::json::array();
    for (size_t k = 0; k < rules.grades.size(); ++k) {
      grades.push_back({{"grade", rules.grades[k].label}, {"cutoff", Number(cutoffs[k])}});
    }
    doc["grades"] = grades;
    doc["boundary_margin"] = BoundaryMargin(rules);
  }
  // Every indicator's and group's ranks, once each.
  std::vector<std::vector<int>> node_ranks(nodes.size());
  for (size_t k = 1; k < nodes.size(); ++k) node_ranks[k] = r.ranks_of(static_cast<int>(k));
  nlohmann::json entities = nlohmann::json::array();
  for (int i : detail::RankOrder(r)) {
    nlohmann::json e;
    e["id"] = r.entity_ids()[i];
    e["name"] = r.entity_names()[i];
    e["total"] = Number(r.total(i));
    e["rank"] = r.rank(i) ? nlohmann::json(r.rank(i)) : nlohmann::json(nullptr);
    e["grade"] = r.grade(i).empty() ? nlohmann::json(nullptr) : nlohmann::json(r.grade(i));
    if (r.previous_result()) {
      const YearOnYear y = YearOnYearOf(r, i);
      e["last_year"] = y.listed
                           ? nlohmann::json{{"total", Number(y.last_total)},
                                            {"rank", y.last_rank ? nlohmann::json(y.last_rank) : nullptr},
                                            {"grade", y.last_grade.empty() ? nullptr : nlohmann::json(y.last_grade)},
                                            {"total_change", Number(y.total_change)},
                                            {"rank_change", y.ranked_both ? nlohmann::json(y.rank_change) : nullptr}}
                           : nlohmann::json(nullptr);
    }
    if (const GradeMargin m = MarginOf(r, i, cutoffs); m.by_total) {
      e["grade_margin"] = {{"next_up", m.next_up.empty() ? nlohmann::json(nullptr) : nlohmann::json(m.next_up)},
                           {"to_next_up", Number(m.to_next_up)},
                           {"next_down", m.next_down.empty() ? nlohmann::json(nullptr) : nlohmann::json(m.next_down)},
                           {"above_cutoff", Number(m.above_cutoff)},
                           {"near_boundary", m.near}};
    }
    if (rules.classes) e["class"] = rules.classes->labels[r.entity_class(i)];
    e["indicator_points"] = Number(r.points()(i, 0));
    nlohmann::json adjustments = nlohmann::json::object();
    Eigen::Index a = 0;
    for (const auto* list : {&rules.bonus, &rules.deductions}) {
      for (const auto& item : list->items) adjustments[item.id] = r.adjustment_points()(i, a++);
    }
    if (a > 0) {
      e["adjustments"] = adjustments;
      // As claimed, before the caps; adjustment_capped when a cap cut them.
      e["bonus_claimed"] = Number(detail::Claimed(r, i, true));
      e["deductions_claimed"] = Number(detail::Claimed(r, i, false));
      e["adjustment_capped"] = (r.flags()(i, 0) & kFlagAdjustmentCapped) != 0;
    }
    nlohmann::json vetoes = nlohmann::json::array();
    for (int v : r.vetoes(i)) vetoes.push_back({{"id", rules.vetoes[v].id}, {"reason", rules.vetoes[v].name}});
    e["vetoes"] = vetoes;
    if (r.direct_grade(i) >= 0) e["graded_directly"] = rules.grades[r.direct_grade(i)].when;
    nlohmann::json set_aside = nlohmann::json::array();
    for (const CellProblem& p : r.set_aside(i)) {
      set_aside.push_back({{"row", p.row}, {"field", p.field}, {"message", p.message}});
    }
    e["set_aside"] = set_aside;
    nlohmann::json scores = nlohmann::json::object();
    for (size_t k = 1; k < nodes.size(); ++k) {
      auto kk = static_cast<Eigen::Index>(k);
      scores[nodes[k].id] = {{"value", Number(r.values()(i, kk))},
                             {"score", Number(r.scores()(i, kk))},
                             {"points", Number(r.points()(i, kk))},
                             {"flags", FlagNames(r.flags()(i, kk))}};
      const int rank = node_ranks[k][i];
      scores[nodes[k].id]["rank"] = rank ? nlohmann::json(rank) : nlohmann::json(nullptr);
    }
    e["indicators"] = scores;
    entities.push_back(e);
  }
  doc["entities"] = entities;
  if (const Screening* s = r.screening()) {
    // Every entity of the data as given, with its share of data (COINr's DataSummary), and those left out.
    nlohmann::json all = nlohmann::json::array();
    nlohmann::json removed = nlohmann::json::array();
    for (size_t e = 0; e < s->entities.size(); ++e) {
      const EntityAvailability& a = s->entities[e];
      all.push_back({{"id", a.id},
                     {"name", a.name},
                     {"row", a.row},
                     {"indicators", a.indicators},
                     {"missing", a.missing},
                     {"zeros", a.zeros},
                     {"available", a.available},
                     {"nonzero", Number(a.nonzero)},
                     {"low_data", a.low_data},
                     {"low_nonzero", a.low_nonzero},
                     {"forced", a.forced},
                     {"kept", a.kept},
                     {"reason", s->Reason(static_cast<int>(e))}});
      if (!a.kept) removed.push_back(a.id);
    }
    doc["screening"] = {{"by", ToString(s->spec.by)},
                        {"min_available", s->spec.min_available},
                        {"min_nonzero", s->spec.min_nonzero},
                        {"rule", detail::ScreeningRule(s->spec)},
                        {"removed", removed},
                        {"entities", all}};
  }
  // Invalid UTF-8 (from data built in code) becomes U+FFFD rather than an exception.
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace makerscore
