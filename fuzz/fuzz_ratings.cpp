// Fuzzes the ratings reader, their combination and the report, and the Delphi reader. Combining is also
// differential: the dense layout (a cube, filled by place for a grid of ratings, else by the checking loop)
// must give what the long layout gives, the same message or the same bits.
#include <makerscore/makerscore.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "experts/combine.h"
#include "scoring/compiled_model.h"
#include "scoring/steps.h"

namespace {
const char* kRules = R"(format: makerscore/1
id: f
title: fuzz
fields: [{id: x, name: x}]
experts: [{id: E1, authority: 0.9}, {id: E2, authority: 0.5}, {id: E3}]
scales:
  four: {levels: {优: 1, 良: 0.8, 中: 0.6, 差: 0.4}}
  ten: {min: 0, max: 10}
  banded: {bands: {好: [31, 40], 差: [0, 30]}}
indicators:
  - {id: A, name: a, weight: 40, rated: {scale: four, combine: trimmed_mean, min_ratings: 3, max_cv: 0.2}}
  - {id: B, name: b, weight: 30, rated: {scale: ten, combine: weighted_mean}}
  - {id: C, name: c, weight: 30, rated: {scale: banded, combine: median}}
)";
bool SameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// Both layouts of the ratings, combined: the same message, or the same bits (aborts otherwise).
void CompareLayouts(const makerscore::Model& model, const makerscore::Dataset& cohort,
                    const makerscore::Ratings& ratings) {
  using makerscore::detail::CombinedRatings;
  std::vector<int> item_of;
  const auto items = makerscore::detail::RatedItems(makerscore::detail::Compiled(model), &item_of);
  CombinedRatings out[2];
  std::string error[2];
  const makerscore::detail::RatingsLayout layouts[] = {makerscore::detail::RatingsLayout::kDenseWhenRegular,
                                                       makerscore::detail::RatingsLayout::kLong};
  for (int k = 0; k < 2; ++k) {
    try {
      out[k] =
          makerscore::detail::CombineRatings(items, model.rules().experts, cohort.entity_ids(), ratings, 1, layouts[k]);
    } catch (const makerscore::DataError& e) {
      error[k] = e.what();
    }
  }
  if (error[0] != error[1]) {
    std::fprintf(stderr, "dense layout:\n%s\nlong layout:\n%s\n", error[0].c_str(), error[1].c_str());
    std::abort();
  }
  if (!error[0].empty()) return;
  for (size_t q = 0; q < items.size(); ++q) {
    if (!SameBits(out[0].agreement_w[q], out[1].agreement_w[q])) std::abort();
    if (!SameBits(out[0].agreement_p[q], out[1].agreement_p[q])) std::abort();
    for (Eigen::Index e = 0; e < out[0].value[q].size(); ++e) {
      if (!SameBits(out[0].value[q][e], out[1].value[q][e])) std::abort();
      if (out[0].flags[q][e] != out[1].flags[q][e]) std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const makerscore::Model model = makerscore::Model::Compile(*makerscore::ParseRules(kRules).rules);
  static const auto cohort = std::make_shared<makerscore::Dataset>(
      makerscore::ParseDatasetCsv("id,x\nP,1\nQ,2\nR,3\n", model.rules(), "d.csv"));
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    auto ratings = std::make_shared<makerscore::Ratings>(makerscore::ParseRatingsCsv(text, "fuzz.csv"));
    CompareLayouts(model, *cohort, *ratings);
    makerscore::Result r = makerscore::Score(model, cohort, nullptr, ratings);
    (void)makerscore::Explain(r, "P");
    (void)makerscore::HtmlReport(r);
  } catch (const makerscore::Error&) {
  }
  try {
    auto rounds = makerscore::AnalyseDelphi(makerscore::ParseDelphiCsv(text, {}, "fuzz.csv"));
    (void)makerscore::FormatDelphi(rounds);
  } catch (const makerscore::Error&) {
  }
  return 0;
}
