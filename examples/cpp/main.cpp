// Scores the bundled Guangxi example cohort with the makerscore C++ API:
// load -> compile -> read data -> score -> present and explain.
//   guangxi_example [MAKERSCORE_SOURCE_DIR]
#include <makerscore/makerscore.h>

#include <iostream>
#include <memory>
#include <string>

int main(int argc, char** argv) {
  const std::string root = argc > 1 ? argv[1] : ".";
  try {
    // A rule file with errors throws RuleError listing every one of them.
    makerscore::Model model =
        makerscore::Model::Compile(makerscore::LoadRulesOrThrow(root + "/rules/guangxi-2019.yaml"));
    const std::string data = root + "/examples/data/";
    auto now = std::make_shared<makerscore::Dataset>(
        makerscore::ReadDatasetCsv(data + "guangxi-example-2019.csv", model.rules()));
    auto last = std::make_shared<makerscore::Dataset>(
        makerscore::ReadDatasetCsv(data + "guangxi-example-2018.csv", model.rules()));
    auto ratings =
        std::make_shared<makerscore::Ratings>(makerscore::ReadRatingsCsv(data + "guangxi-example-ratings.csv"));

    // This year, last year (for growth indicators) and the experts' ratings, scored on every core.
    makerscore::Result result = makerscore::Score(model, makerscore::Cohort{now, last, ratings, nullptr},
                                                  makerscore::ScoreOptions{/*threads=*/0});
    std::cout << makerscore::FormatTable(result) << "\n";

    // Why did the leader get its points for total income growth?
    for (int i = 0; i < result.entity_count(); ++i) {
      if (result.rank(i) == 1) std::cout << makerscore::Explain(result, result.entity_ids()[i], "3.1");
    }
  } catch (const makerscore::Error& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
