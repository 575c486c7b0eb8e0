// Fuzzes the ratings reader, their combination and the report, and the Delphi reader.
#include <makerscore/makerscore.h>

#include <memory>
#include <string>

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
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const makerscore::Model model = makerscore::Model::Compile(*makerscore::ParseRules(kRules).rules);
  static const auto cohort = std::make_shared<makerscore::Dataset>(
      makerscore::ParseDatasetCsv("id,x\nP,1\nQ,2\nR,3\n", model.rules(), "d.csv"));
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    auto ratings = std::make_shared<makerscore::Ratings>(makerscore::ParseRatingsCsv(text, "fuzz.csv"));
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
