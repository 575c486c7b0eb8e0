// Reading the scoring parts of a rule file (internal): score specs and their
// method parameters, threshold bands, outlier treatment, derived weights and
// comparison matrices. The rule-set builder (loader.cpp) derives from it.
#ifndef MAKERSCORE_SRC_RULES_SPEC_READER_H_
#define MAKERSCORE_SRC_RULES_SPEC_READER_H_

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "makerscore/methods.h"
#include "rules/words.h"
#include "rules/yaml_reader.h"

namespace makerscore::detail {

class SpecReader : public YamlReader {
 public:
  using YamlReader::YamlReader;

 protected:
  // A number as a comparison: 3, 0.5 or 1/3.
  static bool ParseRatio(const std::string& s, double* out) { return ParseDouble(s, out); }

  std::vector<std::vector<double>> ReadMatrix(const YamlNode& node, const std::string& path) {
    std::vector<std::vector<double>> out;
    if (!node.IsSequence()) {
      Error(node.Mark(), path,
            "a comparison matrix is a list of rows such as [[1, 3], [1/3, 1]], not " + Describe(node));
      return out;
    }
    for (const auto& row : node) {
      std::vector<double> values;
      if (!row.IsSequence()) {
        Error(row.Mark(), path, "each row of a comparison matrix is a list of numbers, not " + Describe(row));
        return {};
      }
      for (const auto& cell : row) {
        double v = 0;
        // A comparison not made: ~ or null (an incomplete matrix).
        if (cell.IsNull()) {
          values.push_back(std::numeric_limits<double>::quiet_NaN());
          continue;
        }
        if (!cell.IsScalar() || !ParseRatio(cell.Scalar(), &v)) {
          Error(
              cell.Mark(), path,
              "a comparison must be a number or a fraction such as 1/3 (or ~ for one not made), not " + Describe(cell));
          return {};
        }
        values.push_back(v);
      }
      out.push_back(values);
    }
    return out;
  }

  // Reads the word at key as a value of the enum (the word checked against the schema's allowed ones);
  // false when the key is absent or the word is not allowed (reported).
  template <typename E>
  bool WordOf(const KeyNodes& m, const std::string& section, const char* key, E* out) {
    std::string s;
    if (!IsAllowed(m, section, key, &s)) return false;
    const std::optional<E> value = Parse<E>(s);
    if (value) *out = *value;
    return value.has_value();
  }

  // `aggregate: {method: topsis, normalise: minmax, ...}`: the method and its options (checked against
  // the method's own declaration by the validator).
  void ReadAggregate(const YamlNode& node, const std::string& path, Indicator* ind) {
    KeyNodes m = Section(node, "aggregate", path);
    WordOf(m, "aggregate", "method", &ind->aggregate);
    for (const auto& k : KeysOf("aggregate")) {
      const std::string key = k.key;
      if (key == "method" || !m.count(key)) continue;
      Record(path + "/" + key, m[key]);
      double d = 0;
      if (k.type == KeyType::kList && m[key].IsSequence()) {
        for (const auto& item : m[key]) {
          if (item.IsScalar() && ParseDouble(item.Scalar(), &d)) {
            ind->aggregate_options.reference.push_back(d);
          } else {
            Error(item.Mark(), path + "/" + key,
                  "each value of '" + key + "' must be a number, found " + Describe(item));
          }
        }
      } else if (k.type == KeyType::kNumber && Num(m, k.key, &d)) {
        ind->aggregate_options.numbers[key] = d;
      } else if (k.type == KeyType::kString && m[key].IsScalar()) {
        ind->aggregate_options.words[key] = m[key].Scalar();
      }
    }
  }

  DerivedWeights ReadWeights(const YamlNode& node, const std::string& path) {
    DerivedWeights w;
    KeyNodes m = Section(node, "weights", path);
    std::string s;
    WordOf(m, "weights", "method", &w.method);
    if (IsAllowed(m, "weights", "priority", &s)) w.geometric_mean = s == "geometric_mean";
    if (IsAllowed(m, "weights", "combine", &s)) w.combine_priorities = s == "priorities";
    Bool(m, "accept_inconsistent", &w.accept_inconsistent);
    WordOf(m, "weights", "random_index", &w.random_index);
    w.correlation_given = WordOf(m, "weights", "correlation", &w.correlation);
    WordOf(m, "weights", "objective", &w.objective);
    WeightMix mix{};
    if (WordOf(m, "weights", "mix", &mix)) w.mix = mix;
    Num(m, "alpha", &w.alpha);
    if (IsAllowed(m, "weights", "over", &s)) w.over_values = s == "values";
    if (m.count("matrix")) {
      auto matrix = ReadMatrix(m["matrix"], path + "/matrix");
      if (!matrix.empty()) w.matrices.push_back(matrix);
    }
    if (m.count("matrices") && m["matrices"].IsSequence()) {
      for (const auto& item : m["matrices"]) {
        auto matrix = ReadMatrix(item, path + "/matrices");
        if (!matrix.empty()) w.matrices.push_back(matrix);
      }
    }
    return w;
  }

  ReportInfo ReadReportInfo(const YamlNode& node, const std::string& path) {
    ReportInfo info;
    KeyNodes m = Section(node, "report", path);
    Str(m, "title", &info.title);
    Str(m, "issuer", &info.issuer);
    Str(m, "year", &info.year);
    Str(m, "date", &info.date);
    Str(m, "note", &info.note);
    return info;
  }

  OutlierSpec ReadOutliers(const YamlNode& node, const std::string& path) {
    OutlierSpec o;
    KeyNodes m = Section(node, "outliers", path);
    std::string s;
    WordOf(m, "outliers", "method", &o.method);
    Num(m, "skew", &o.skew);
    Num(m, "kurtosis", &o.kurtosis);
    double d;
    if (Num(m, "max_points", &d)) o.max_points = static_cast<int>(d);
    if (IsAllowed(m, "outliers", "fallback", &s)) o.log_fallback = s == "log";
    if (IsAllowed(m, "outliers", "count", &s)) o.per_step = s == "last_step";
    Num(m, "lower", &o.lower);
    Num(m, "upper", &o.upper);
    return o;
  }

  // The bands parameter: a list of {min|max, score}.
  std::vector<Band> ReadBands(const YamlNode& node, const std::string& path) {
    std::vector<Band> out;
    if (!node.IsSequence()) {
      Error(node.Mark(), path,
            "'bands' must be a list such as [{min: 30%, score: 1}, {min: 10%, score: 0.7}], found " + Describe(node));
      return out;
    }
    int i = 0;
    for (const auto& item : node) {
      std::string bpath = path + "/#" + std::to_string(++i);
      if (!item.IsMap()) {
        Error(item.Mark(), bpath, "each band is a map such as {min: 30%, score: 1}, not " + Describe(item));
        continue;
      }
      Band b;
      bool has_score = false;
      for (const auto& kv : item) {
        std::string k = kv.first.IsScalar() ? kv.first.Scalar() : "";
        double d = 0;
        if (k != "min" && k != "max" && k != "score") {
          Error(kv.first.Mark(), bpath + "/" + k,
                "unknown key '" + k + "' in a band" + detail::DidYouMean(k, {"min", "max", "score"}) +
                    "; a band has 'min' or 'max', and 'score'");
          continue;
        }
        if (!kv.second.IsScalar() || !ParseDouble(kv.second.Scalar(), &d)) {
          Error(kv.second.Mark(), bpath + "/" + k, "'" + k + "' must be a number, found " + Describe(kv.second));
          continue;
        }
        Record(bpath + "/" + k, kv.second);
        if (k != "score" && kv.second.Scalar().back() == '%') percent_bands_ = true;
        if (k == "min") b.min = d;
        if (k == "max") b.max = d;
        if (k == "score") {
          b.score = d;
          has_score = true;
        }
      }
      if (!has_score) Error(item.Mark(), bpath, "a band needs a 'score' (the share of points it earns)");
      Record(bpath, item);
      out.push_back(b);
    }
    return out;
  }

  ScoreSpec ReadScore(const YamlNode& node, const std::string& path) {
    ScoreSpec spec;
    KeyNodes m = Section(node, "score", path, {}, /*extra_open=*/true);
    std::string s;
    Str(m, "method", &spec.method);
    WordOf(m, "score", "direction", &spec.direction);
    const MethodInfo* method = FindMethod(spec.method);
    if (!spec.method.empty() && method == nullptr) {
      std::vector<std::string> names;
      for (const auto& mi : ScoringMethods()) names.push_back(mi.name);
      Error(m["method"].Mark(), path + "/method",
            "unknown scoring method '" + spec.method + "'" + detail::DidYouMean(spec.method, names) +
                "; known: " + detail::Join(names, ", "));
    }
    std::vector<std::string> keys = {"method", "direction"};
    std::vector<std::string> params;
    if (method) {
      for (const auto& p : method->params) params.push_back(p.name);
    }
    for (const auto& [key, value] : m) {
      if (key == "method" || key == "direction") continue;
      if (method == nullptr) continue;  // unknown method: its parameters cannot be checked
      if (std::find(params.begin(), params.end(), key) == params.end()) {
        std::vector<std::string> known = keys;
        known.insert(known.end(), params.begin(), params.end());
        Error(node[key].IsNull() ? node.Mark() : value.Mark(), detail::ChildPath(path, key),
              "unknown parameter '" + key + "' of method '" + spec.method + "'" + detail::DidYouMean(key, known) +
                  (params.empty() ? "; it takes none" : "; it takes " + detail::Join(params, ", ")));
        continue;
      }
      const std::string& name = key;  // (a structured binding cannot be captured in C++17)
      const MethodParam& param = *std::find_if(method->params.begin(), method->params.end(),
                                               [&](const MethodParam& p) { return name == p.name; });
      if (param.type == ParamType::kBands) {
        percent_bands_ = false;
        spec.bands = ReadBands(value, detail::ChildPath(path, key));
        if (percent_bands_) spec.written_as_percent.insert(key);
        continue;
      }
      double d;
      bool b;
      if (param.type == ParamType::kBool) {
        if (!value.IsScalar() || !ParseBool(value.Scalar(), &b)) {
          Error(value.Mark(), detail::ChildPath(path, key),
                "'" + key + "' must be true or false, found " + Describe(value));
          continue;
        }
        d = b ? 1 : 0;
      } else if (!value.IsScalar() || !ParseDouble(value.Scalar(), &d)) {
        Error(value.Mark(), detail::ChildPath(path, key), "'" + key + "' must be a number, found " + Describe(value));
        continue;
      }
      spec.params[key] = d;
      if (param.type != ParamType::kBool && value.Scalar().back() == '%') spec.written_as_percent.insert(key);
    }
    if (method) {
      for (const auto& p : method->params) {
        if (p.required && !m.count(p.name)) {
          Error(node.Mark(), path, "method '" + spec.method + "' needs the parameter '" + p.name + "' (" + p.doc + ")");
        }
      }
    }
    return spec;
  }

 private:
  bool percent_bands_ = false;  // a band bound of the bands being read was written with '%'
};

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_RULES_SPEC_READER_H_
