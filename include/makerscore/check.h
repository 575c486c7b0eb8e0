// makerscore: checking a filled-in report against a rule file's checks.
#ifndef MAKERSCORE_CHECK_H_
#define MAKERSCORE_CHECK_H_

#include <string>
#include <vector>

#include "makerscore/dataset.h"
#include "makerscore/model.h"

namespace makerscore {

// One broken consistency rule in one entity's report.
struct Violation {
  int row = 0;          // the data's source row
  std::string entity;   // entity id
  std::string check;    // the check's id
  std::string fields;   // the fields involved, by name, comma-separated
  std::string message;  // what is wrong, with both sides' values
};

// Evaluates every check of the model on every entity. A check whose fields
// are missing for an entity is skipped for it. Bounds and whole-number rules
// of fields are enforced when the data is read (csv.h), not here.
std::vector<Violation> CheckDataset(const Model& model, const Dataset& data);

}  // namespace makerscore

#endif  // MAKERSCORE_CHECK_H_
