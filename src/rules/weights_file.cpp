// A weights file (--weights): one year's stated weights, apart from the rule file, for a 试行 system whose
// weights are reset each year. The rule file stays as the source document gives it.
#include <algorithm>
#include <map>

#include "makerscore/load.h"
#include "rules/yaml_guard.h"
#include "rules/yaml_reader.h"
#include "util/read_file.h"
#include "util/text.h"

namespace makerscore {

namespace {

using detail::YamlNode;

// An indicator of the rule set and the path the validator names it by ("indicators/3/3.1").
struct Place {
  Indicator* indicator;
  std::string path;
  std::string parent_path;  // "" for a first-level indicator
};

void Places(std::vector<Indicator>* list, const std::string& parent, std::map<std::string, Place>* out) {
  for (Indicator& ind : *list) {
    const std::string path = parent + "/" + ind.id;
    (*out)[ind.id] = {&ind, path, parent == "indicators" ? "" : parent};
    Places(&ind.children, path, out);
  }
}

// Reads `weights:` (indicator id -> weight, or class label -> weight) into the rule set's indicators.
class WeightsLoader : public detail::YamlReader {
 public:
  using YamlReader::YamlReader;

  // False with errors in *diags; *map gets the positions of what was read, as the validator names them.
  bool Run(RuleSet* rules, Diagnostics* diags, SourceMap* map) {
    try {
      const detail::YamlDocument document = detail::YamlDocument::Parse(text_);
      Read(document.root(), rules);
    } catch (const YAML::Exception& e) {
      Error(e.mark, "", "this is not valid YAML: " + e.msg);
    }
    *map = map_;
    for (const auto& d : diags_.items()) diags->Add(d);
    return !diags_.HasErrors();
  }

 private:
  void Read(const YamlNode& root, RuleSet* rules) {
    bool too_deep = false;
    int tags = 0;
    if (detail::ExpandedSize(root, detail::kMaxNodes, &too_deep) > detail::kMaxNodes || too_deep) {
      Error(YAML::Mark(), "", "the file nests too deep or expands to too many YAML nodes");
      return;
    }
    detail::RefuseTags(
        root, [&](const YAML::Mark& m, const std::string& message) { Error(m, "", message); }, &tags);
    if (tags > 0) return;
    if (!root.IsMap() || !root["weights"]) {
      Error(root.Mark(), "",
            "a weights file is a map with the key 'weights:', from indicator id to its weight "
            "(weights: {\"1\": 20, \"1.1\": 8}), found " +
                detail::Describe(root));
      return;
    }
    for (const auto& kv : root) {
      const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "";
      if (key != "weights" && key != "note") {
        Error(kv.first.Mark(), key, "unknown key '" + key + "' in a weights file; it has 'weights' and 'note'");
      }
    }
    const YamlNode weights = root["weights"];
    if (!weights.IsMap()) {
      Error(weights.Mark(), "weights",
            "'weights' is a map from indicator id to its weight, found " + detail::Describe(weights));
      return;
    }
    std::map<std::string, Place> places;
    Places(&rules->indicators, "indicators", &places);
    std::vector<std::string> ids;
    for (const auto& [id, place] : places) ids.push_back(id);
    Record("indicators", weights);  // the sum of the first level is named there
    for (const auto& kv : weights) {
      const std::string id = kv.first.IsScalar() ? kv.first.Scalar() : "";
      const auto it = places.find(id);
      if (it == places.end()) {
        Error(kv.first.Mark(), "weights/" + id,
              "no indicator '" + id + "' in the rule file" + detail::DidYouMean(id, ids) +
                  " (an id in quotes, \"1.1\", stays as written)");
        continue;
      }
      const Place& place = it->second;
      if (!ReadWeight(kv.second, *rules, place)) continue;
      Record(place.path + "/weight", kv.second);
      // Its siblings' sum is named at the first of them listed.
      if (!place.parent_path.empty() && !map_.positions.count(place.parent_path + "/weight")) {
        Record(place.parent_path + "/weight", kv.second);
      }
    }
  }

  // One indicator's weight: a number, or with classes a map from class label to number.
  bool ReadWeight(const YamlNode& value, const RuleSet& rules, const Place& place) {
    const std::string where = "weights/" + place.indicator->id;
    double w = 0;
    if (value.IsScalar() && detail::ParseDouble(value.Scalar(), &w)) {
      place.indicator->weight = w;
      place.indicator->class_weights.clear();
      return true;
    }
    if (!value.IsMap()) {
      Error(value.Mark(), where,
            "the weight of '" + place.indicator->id + "' must be a number, found " + detail::Describe(value));
      return false;
    }
    if (!rules.classes) {
      Error(value.Mark(), where, "a weight for each class needs 'classes:' in the rule file; give one number");
      return false;
    }
    std::map<std::string, double> by_class;
    for (const auto& kv : value) {
      const std::string label = kv.first.IsScalar() ? kv.first.Scalar() : "";
      const auto& labels = rules.classes->labels;
      if (std::find(labels.begin(), labels.end(), label) == labels.end()) {
        Error(
            kv.first.Mark(), where + "/" + label,
            "'" + label + "' is none of the classes " + detail::Join(labels, ", ") + detail::DidYouMean(label, labels));
        return false;
      }
      if (!kv.second.IsScalar() || !detail::ParseDouble(kv.second.Scalar(), &w)) {
        Error(kv.second.Mark(), where + "/" + label,
              "the weight must be a number, found " + detail::Describe(kv.second));
        return false;
      }
      by_class[label] = w;
    }
    place.indicator->class_weights = std::move(by_class);
    return true;
  }
};

}  // namespace

LoadResult ReplaceWeights(const RuleSet& rules, const std::string& weights_path) {
  Diagnostics diags;
  detail::FileBytes bytes;
  if (std::string problem = detail::ReadFileBounded(weights_path, detail::kMaxRuleFileBytes, "weights file", &bytes);
      !problem.empty()) {
    diags.Add(detail::FileProblem(weights_path, problem));
    return {std::nullopt, diags};
  }
  RuleSet changed = rules;
  SourceMap map;
  if (!WeightsLoader(weights_path, detail::WithoutBom(bytes.view())).Run(&changed, &diags, &map)) {
    return {std::nullopt, diags};
  }
  // The rule set was valid: only the new weights can be wrong, and their errors point into the weights file.
  RuleSet checked = changed;
  checked.source_map = map;
  const Diagnostics semantic = Validate(checked);  // kept: a range over a temporary's items() would dangle
  for (const auto& d : semantic.items()) {
    if (d.severity == Severity::kError) diags.Add(d);  // warnings are the rule file's, said when it was loaded
  }
  if (diags.HasErrors()) return {std::nullopt, diags};
  changed.weights_file = weights_path;
  return {std::move(changed), diags};
}

}  // namespace makerscore
