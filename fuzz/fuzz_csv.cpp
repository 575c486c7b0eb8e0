// Fuzzes the CSV reader against the Guangxi rules, and scores what reads.
#include <makerscore/makerscore.h>

#include <memory>
#include <string>

namespace {
const makerscore::Model& Guangxi() {
  static const makerscore::Model model =
      makerscore::Model::Compile(makerscore::LoadRulesOrThrow(std::string(MAKERSCORE_SOURCE_DIR) + "/rules/guangxi-2019.yaml"));
  return model;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  const makerscore::Model& m = Guangxi();
  try {
    makerscore::DatasetReading lenient = makerscore::ParseDatasetCsvLenient(text, m.rules(), "fuzz.csv");
    (void)makerscore::CheckDataset(m, lenient.data);
    auto data = std::make_shared<makerscore::Dataset>(makerscore::ParseDatasetCsv(text, m.rules(), "fuzz.csv"));
    makerscore::Result r = makerscore::Score(m, data, data, std::make_shared<makerscore::Ratings>());
    (void)makerscore::FormatTable(r);
  } catch (const makerscore::Error&) {
  }
  return 0;
}
