// makerscore: expert ratings of qualitative indicators.
#ifndef MAKERSCORE_RATINGS_H_
#define MAKERSCORE_RATINGS_H_

#include <string>
#include <vector>

namespace makerscore {

// One expert's rating of one entity on one qualitative indicator.
struct Rating {
  std::string entity;     // entity id
  std::string indicator;  // indicator id
  std::string expert;     // expert id
  std::string value;      // a level label (优) or a number, as the scale says
  int row = 0;            // source row, for messages (0 when built in code)
};

// All ratings of one evaluation. Checked against the model when scoring:
// unknown entities or indicators, ratings off the scale and duplicates are
// errors naming the row.
struct Ratings {
  std::vector<Rating> items;
  std::string source;  // where they came from (a file name), for messages
};

}  // namespace makerscore

#endif  // MAKERSCORE_RATINGS_H_
