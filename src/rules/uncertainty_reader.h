// Reading `uncertainty:`, the inputs of an uncertainty analysis (internal).
// The rule-set builder (loader.cpp) derives from it.
#ifndef MAKERSCORE_SRC_RULES_UNCERTAINTY_READER_H_
#define MAKERSCORE_SRC_RULES_UNCERTAINTY_READER_H_

#include <cmath>
#include <string>
#include <vector>

#include "means/mean.h"
#include "rules/spec_reader.h"

namespace makerscore::detail {

class UncertaintyReader : public SpecReader {
 public:
  using SpecReader::SpecReader;

 protected:
  UncertainInputs ReadUncertainty(const YamlNode& node, const std::string& path) {
    UncertainInputs u;
    KeyNodes m = Section(node, "uncertainty", path);
    double d = 0;
    if (Num(m, "replications", &d)) u.replications = static_cast<int>(std::min(d, 1e9));
    if (Num(m, "seed", &d) && d >= 0 && d < 1.8e19) u.seed = static_cast<std::uint64_t>(d);
    if (m.count("weights") && m["weights"].IsMap()) {
      const std::string wpath = path + "/weights";
      KeyNodes w = Section(m["weights"], "uncertain_weights", wpath);
      u.weight_noise = 0.25;
      Num(w, "noise", &u.weight_noise);
      std::string s;
      if (IsAllowed(w, "uncertain_weights", "distribution", &s)) u.dirichlet = s == "dirichlet";
      Num(w, "concentration", &u.concentration);
      u.weight_groups = StringList(w, "indicators", wpath + "/indicators");
    }
    if (m.count("methods") && m["methods"].IsSequence()) {
      int i = 0;
      for (const auto& item : m["methods"]) {
        const std::string ipath = path + "/methods/" + ItemId(item, "indicator", ++i);
        KeyNodes a = Section(item, "method_alternatives", ipath);
        UncertainInputs::Methods entry;
        Str(a, "indicator", &entry.indicator);
        if (a.count("alternatives") && a["alternatives"].IsSequence()) {
          for (const auto& spec : a["alternatives"]) {
            if (spec.IsMap())
              entry.alternatives.push_back(ReadScore(spec, ipath + "/alternatives"));
            else
              Error(spec.Mark(), ipath + "/alternatives",
                    "each alternative is a score spec such as "
                    "{method: minmax}, not " +
                        Describe(spec));
          }
        }
        u.methods.push_back(entry);
      }
    }
    if (m.count("aggregation") && m["aggregation"].IsSequence()) {
      int i = 0;
      for (const auto& item : m["aggregation"]) {
        const std::string ipath = path + "/aggregation/" + ItemId(item, "indicator", ++i);
        KeyNodes a = Section(item, "aggregation_alternatives", ipath);
        UncertainInputs::Aggregations entry;
        Str(a, "indicator", &entry.indicator);
        for (const std::string& s : StringList(a, "alternatives", ipath + "/alternatives")) {
          const std::optional<Aggregation> mean = Parse<Aggregation>(s);
          if (mean && !MeanOf(*mean).takes_power) {
            entry.alternatives.push_back(*mean);
          } else {
            Error(a["alternatives"].Mark(), ipath + "/alternatives",
                  "'" + s + "' is not a mean; the alternatives are " + Listed(MeansWithoutParameters(), " and "));
          }
        }
        u.aggregations.push_back(entry);
      }
    }
    for (const std::string& s : StringList(m, "missing", path + "/missing")) {
      const std::optional<MissingPolicy> policy = Parse<MissingPolicy>(s);
      if (!policy) {
        Error(m["missing"].Mark(), path + "/missing",
              "'" + s + "' is not a missing-data policy; one of " + Listed(Allowed<MissingPolicy>(), ", "));
        continue;
      }
      u.missing.push_back(*policy);
    }
    if (m.count("winsorisation") && m["winsorisation"].IsSequence()) {
      for (const auto& item : m["winsorisation"]) {
        double v = 0;
        if (!item.IsScalar() || !ParseDouble(item.Scalar(), &v) || v < 0 || v != std::floor(v) || v > 1e6) {
          Error(item.Mark(), path + "/winsorisation",
                "each winsorisation limit is a whole number of points of 0 or more, found " + Describe(item));
          continue;
        }
        u.winsorisation.push_back(static_cast<int>(v));
      }
    }
    WordOf(m, "uncertainty", "experts", &u.panel);
    return u;
  }
};

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_RULES_UNCERTAINTY_READER_H_
