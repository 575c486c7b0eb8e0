// makerscore: a cohort's reported data, entities by fields.
#ifndef MAKERSCORE_DATASET_H_
#define MAKERSCORE_DATASET_H_

#include <Eigen/Core>
#include <string>
#include <vector>

namespace makerscore {

// Entities (rows) by fields (columns) of one year. Values are doubles in
// column-major storage, so each field is one contiguous column; a missing
// value is NaN. A category field (a region, a class) holds codes 0, 1, 2 ...
// into its list of labels. Immutable once built; safe to share between threads.
class Dataset {
 public:
  Dataset() = default;
  // Takes the columns as given. Throws DataError when the sizes disagree, an
  // id is empty or appears twice, or a field id appears twice.
  // names may be empty (then every name is ""). rows, when given, holds the
  // source row (line) of each entity for messages; otherwise rows count from 1.
  // categories, when given, has one entry per field: the labels of a
  // category field (its values are codes into them), empty for the others.
  Dataset(std::vector<std::string> field_ids, std::vector<std::string> entity_ids,
          std::vector<std::string> entity_names, Eigen::MatrixXd values,
          std::vector<int> rows = {}, std::string source = "",
          std::vector<std::vector<std::string>> categories = {});

  int entity_count() const { return static_cast<int>(entity_ids_.size()); }
  int field_count() const { return static_cast<int>(field_ids_.size()); }
  const std::vector<std::string>& field_ids() const { return field_ids_; }
  const std::vector<std::string>& entity_ids() const { return entity_ids_; }
  const std::vector<std::string>& entity_names() const { return entity_names_; }
  // entity_count() x field_count(), NaN where missing.
  const Eigen::MatrixXd& values() const { return values_; }
  // The source row of entity i (a CSV line number), for messages.
  int row(int i) const { return rows_[i]; }
  // Where the data came from (a file name), for messages; may be "".
  const std::string& source() const { return source_; }

  // The labels of category field j (empty for a numeric field).
  const std::vector<std::string>& categories(int j) const;

  // Index of a field or entity, or -1.
  int FindField(const std::string& id) const;
  int FindEntity(const std::string& id) const;

 private:
  std::vector<std::string> field_ids_;
  std::vector<std::string> entity_ids_;
  std::vector<std::string> entity_names_;
  Eigen::MatrixXd values_;
  std::vector<int> rows_;
  std::string source_;
  std::vector<std::vector<std::string>> categories_;
};

}  // namespace makerscore

#endif  // MAKERSCORE_DATASET_H_
