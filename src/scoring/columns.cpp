// The data's columns as the compiled model reads them: each field's column, each category field's labels,
// last year's result matched to this year's entities, and the rated leaves as items of the ratings.
#include <string_view>
#include <unordered_map>

#include "makerscore/error.h"
#include "scoring/steps.h"
#include "util/text.h"

namespace makerscore::detail {

std::vector<RatedItem> RatedItems(const CompiledModel& m, std::vector<int>* item_of) {
  std::vector<RatedItem> items;
  item_of->assign(m.leaves.size(), -1);
  for (size_t l = 0; l < m.leaves.size(); ++l) {
    const CompiledLeaf& leaf = m.leaves[l];
    if (!leaf.qualitative()) continue;
    (*item_of)[l] = static_cast<int>(items.size());
    const Indicator* indicator = m.nodes[leaf.node].indicator;
    items.push_back({m.nodes[leaf.node].id, leaf.scale, leaf.combine, leaf.min_ratings,
                     indicator && indicator->rated ? indicator->rated->max_cv : std::nullopt});
  }
  return items;
}

bool UnderFuzzy(const CompiledModel& m, const CompiledLeaf& leaf) {
  const Indicator* parent = m.nodes[m.nodes[leaf.node].parent].indicator;
  return parent != nullptr && parent->aggregate == Aggregation::kFuzzy;
}

bool ReadsValues(const CompiledModel& m) {
  for (const Node& node : m.nodes) {
    if (node.weights && node.weights->over_values) return true;
    if (node.indicator) {
      const auto& words = node.indicator->aggregate_options.words;
      if (auto it = words.find("over"); it != words.end() && it->second == "values") return true;
    }
  }
  return false;
}

// Pointers to the data's column of each model field.
std::vector<const double*> FieldColumns(const CompiledModel& m, const Dataset& data) {
  std::vector<const double*> cols;
  std::vector<std::string> absent;
  for (const auto& f : m.rules.fields) {
    int j = data.FindField(f.id);
    if (j < 0) absent.push_back(f.id);
    cols.push_back(j < 0 ? nullptr : data.column(j));
  }
  if (!absent.empty()) {
    throw DataError(Where(data) + " lacks field" + (absent.size() > 1 ? "s " : " ") + Join(absent, ", ") +
                    " of the rule file");
  }
  return cols;
}

// The labels of each category field of data (nullptr for other fields, or fields data lacks); empty
// without data.
std::vector<const std::vector<std::string>*> FieldLabels(const CompiledModel& m, const Dataset* data) {
  if (data == nullptr) return {};
  std::vector<const std::vector<std::string>*> out;
  for (const auto& f : m.rules.fields) {
    const int j = f.kind == FieldKind::kCategory ? data->FindField(f.id) : -1;
    out.push_back(j < 0 ? nullptr : &data->categories(j));
  }
  return out;
}

std::vector<int> PreviousResultRows(const PreviousResult& last, const std::vector<std::string>& ids) {
  std::unordered_map<std::string_view, int> row;
  for (size_t k = 0; k < last.ids.size(); ++k) row.emplace(last.ids[k], static_cast<int>(k));
  std::vector<int> out(ids.size(), -1);
  for (size_t i = 0; i < ids.size(); ++i) {
    const auto it = row.find(ids[i]);
    if (it != row.end()) out[i] = it->second;
  }
  return out;
}

}  // namespace makerscore::detail
