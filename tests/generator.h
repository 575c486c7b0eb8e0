// A generator of random rule sets and cohorts for the property tests
// (properties_test.cpp, replication_test.cpp): fixed seeds, so a failure
// names the seed that shows it.
#ifndef MAKERSCORE_TESTS_GENERATOR_H_
#define MAKERSCORE_TESTS_GENERATOR_H_

#include <algorithm>
#include <cstdint>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace makerscore::testing {

// What the generator may use.
struct Options {
  bool relative = false;      // weighting: relative (else points)
  bool any_direction = true;  // false: every indicator is higher-is-better
  bool any_aggregate = true;  // geometric, harmonic and power means too (relative only)
  bool allow_exclude = true;  // missing: exclude (which hands a missing indicator's points to its siblings)
  int experts = 0;            // > 0: some leaves are rated by this many experts (see Ratings)
  bool grades = false;        // grades 优 (top 30% and 70 points), 良 (50 points), 中 (the rest)
  // The experts as a panel with authorities X1 0.6, X2 0.7 ...; rated leaves may then combine by the weighted
  // mean, ask for 2 ratings, and have a missing policy of their own (error, median, mean).
  bool panel = false;
};

// A random rule set as YAML text, and a random cohort for it as CSV.
class Generator {
 public:
  Generator(std::uint64_t seed, Options options) : rng_(seed), options_(options) {}

  std::string Rules() {
    fields_ = Pick(3, 6);
    std::ostringstream out;
    out << "format: makerscore/1\nid: generated\ntitle: 生成\n";
    out << "weighting: " << (options_.relative ? "relative" : "points") << "\ntotal: 120\n";
    const char* missing[] = {"zero", "mean", "median", "exclude"};
    out << "missing: " << missing[Pick(0, options_.allow_exclude ? 3 : 2)] << "\n";
    if (options_.experts > 0)
      out << "scales:\n  four:\n    name: 四级\n    levels: {优: 1.0, 良: 0.8, 中: 0.6, 差: 0.4}\n";
    if (options_.grades)
      out << "grades:\n  - {grade: 优, min: 70, top: 30%}\n  - {grade: 良, min: 50}\n  - {grade: 中, min: 0}\n";
    if (options_.panel && options_.experts > 0) {
      out << "experts:\n";
      for (int e = 1; e <= options_.experts; ++e)
        out << "  - {id: X" << e << ", name: 专家" << e << ", authority: " << 0.5 + 0.1 * e << "}\n";
    }
    out << "fields:\n";
    for (int f = 0; f < fields_; ++f) out << "  - {id: f" << f << ", name: 字段" << f << ", min: 0}\n";
    out << "indicators:\n";
    int next_id = 0;
    Children(out, 120, 1, false, &next_id);
    return out.str();
  }

  // n entities with ids E0.., values in [0, 100] to one decimal, 10% missing.
  std::string Cohort(int n) {
    std::ostringstream out;
    out << "id";
    for (int f = 0; f < fields_; ++f) out << ",f" << f;
    out << "\n";
    for (int i = 0; i < n; ++i) {
      out << "E" << i;
      for (int f = 0; f < fields_; ++f) {
        out << ",";
        if (Pick(0, 9) > 0) out << Pick(0, 1000) / 10.0;
      }
      out << "\n";
    }
    return out.str();
  }

  // Every expert's rating of every rated leaf for n entities E0.., 10% left out; the header only when
  // no leaf is rated.
  std::string Ratings(int n) {
    const char* levels[] = {"优", "良", "中", "差"};
    std::ostringstream out;
    out << "entity,indicator,expert,rating\n";
    for (int i = 0; i < n; ++i) {
      for (const std::string& id : rated_) {
        for (int e = 1; e <= options_.experts; ++e) {
          if (Pick(0, 9) > 0) out << "E" << i << "," << id << ",X" << e << "," << levels[Pick(0, 3)] << "\n";
        }
      }
    }
    return out.str();
  }

  // The ids of the rated and the quantitative leaves, in rule-file order.
  const std::vector<std::string>& rated() const { return rated_; }
  const std::vector<std::string>& quantitative() const { return quantitative_; }

  int Pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  std::mt19937_64& rng() { return rng_; }

 private:
  // Children of a node worth `points`, at depth `depth`; bounded: under a
  // mean that needs scores of 0 or more (no zscore).
  void Children(std::ostringstream& out, int points, int depth, bool bounded, int* next_id) {
    const std::string pad(2 * depth, ' ');
    const int k = Pick(2, 4);
    std::vector<int> weights = Split(points, k);
    for (int c = 0; c < k; ++c) {
      const std::string id = "N" + std::to_string((*next_id)++);
      out << pad << "- id: " << id << "\n"
          << pad << "  name: 指标" << id << "\n"
          << pad << "  weight: " << weights[c] << "\n";
      if (depth < 3 && weights[c] >= 6 && Pick(0, 2) == 0) {
        int kind = 0;
        if (options_.relative && options_.any_aggregate) {
          const char* kinds[] = {"arithmetic", "geometric", "harmonic", "power"};
          kind = Pick(0, 3);
          out << pad << "  aggregate: " << kinds[kind] << "\n";
          if (kind == 3) out << pad << "  power: 2\n";
        }
        out << pad << "  children:\n";
        Children(out, weights[c], depth + 1, bounded || kind > 0, next_id);
        continue;
      }
      if (options_.experts > 0 && Pick(0, 2) == 0) {
        const char* combine[] = {"mean", "median", "trimmed_mean, min_ratings: 3"};
        if (options_.panel) {
          const char* more[] = {"weighted_mean", "mean, min_ratings: 2", "median"};
          out << pad << "  rated: {scale: four, combine: " << more[Pick(0, 2)] << "}\n";
          const char* own[] = {"", "error", "median", "mean"};
          if (const int k = Pick(0, 3); k > 0) out << pad << "  missing: " << own[k] << "\n";
        } else {
          out << pad << "  rated: {scale: four, combine: " << combine[Pick(0, options_.experts >= 4 ? 2 : 1)] << "}\n";
        }
        rated_.push_back(id);
        continue;
      }
      out << pad << "  value: " << Formula() << "\n" << pad << "  score: " << Method(bounded) << "\n";
      quantitative_.push_back(id);
    }
  }

  // points split into k positive whole parts (the parts of a relative
  // weighting need not add up, but they may).
  std::vector<int> Split(int points, int k) {
    std::vector<int> cuts;
    for (int c = 0; c < k - 1; ++c) cuts.push_back(Pick(1, points - 1));
    cuts.push_back(0);
    cuts.push_back(points);
    std::sort(cuts.begin(), cuts.end());
    std::vector<int> out;
    for (int c = 0; c < k; ++c) out.push_back(cuts[c + 1] - cuts[c]);
    // A zero part: move one point from the largest.
    for (int& w : out) {
      if (w == 0) {
        ++w;
        --*std::max_element(out.begin(), out.end());
      }
    }
    return out;
  }

  // A field, or the sum of two (increasing in each field).
  std::string Formula() {
    std::string a = "f" + std::to_string(Pick(0, fields_ - 1));
    return Pick(0, 2) == 0 ? a + " + f" + std::to_string(Pick(0, fields_ - 1)) : a;
  }

  std::string Method(bool bounded) {
    std::vector<std::string> methods = {"{method: minmax",
                                        "{method: goalposts, low: 10, high: 80",
                                        "{method: percentile",
                                        "{method: borda",
                                        "{method: distance_to_best",
                                        "{method: efficacy",
                                        "{method: ratio, benchmark: 60"};
    if (options_.relative && !bounded) methods.push_back("{method: zscore");
    std::string m = methods[Pick(0, static_cast<int>(methods.size()) - 1)];
    if (options_.any_direction && Pick(0, 3) == 0) m += ", direction: lower";
    return m + "}";
  }

  std::mt19937_64 rng_;
  Options options_;
  int fields_ = 3;
  std::vector<std::string> rated_, quantitative_;
};

}  // namespace makerscore::testing

#endif  // MAKERSCORE_TESTS_GENERATOR_H_
