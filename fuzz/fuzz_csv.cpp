// Fuzzes the CSV reader against the Guangxi rules, and scores and reports what reads.
#include <makerscore/makerscore.h>

#include <memory>
#include <string>

namespace {
const makerscore::Model& Guangxi() {
  static const makerscore::Model model = makerscore::Model::Compile(
      makerscore::LoadRulesOrThrow(std::string(MAKERSCORE_SOURCE_DIR) + "/rules/guangxi-2019.yaml"));
  return model;
}

// The same rules, setting unusable cells aside instead of refusing the file.
const makerscore::Model& GuangxiSettingAside() {
  static const makerscore::Model model = [] {
    makerscore::RuleSet rules = Guangxi().rules();
    rules.bad_cells = makerscore::BadCells::kSetAside;
    return makerscore::Model::Compile(rules);
  }();
  return model;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  const makerscore::Model& m = Guangxi();
  try {
    makerscore::DatasetReading lenient = makerscore::ParseDatasetCsvLenient(text, m.rules(), "fuzz.csv");
    (void)makerscore::CheckDataset(m, lenient.data);
    auto aside = std::make_shared<makerscore::Dataset>(lenient.data);
    makerscore::Result ra =
        makerscore::Score(GuangxiSettingAside(), aside, aside, std::make_shared<makerscore::Ratings>());
    (void)makerscore::FormatTable(ra);
    (void)makerscore::ToJson(ra);
    (void)makerscore::HtmlReport(ra);
    auto data = std::make_shared<makerscore::Dataset>(makerscore::ParseDatasetCsv(text, m.rules(), "fuzz.csv"));
    makerscore::Result r = makerscore::Score(m, data, data, std::make_shared<makerscore::Ratings>());
    (void)makerscore::FormatTable(r);
  } catch (const makerscore::Error&) {
  }
  return 0;
}
