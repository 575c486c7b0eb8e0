// makerscore: a cohort's reported data, entities by fields.
#ifndef MAKERSCORE_DATASET_H_
#define MAKERSCORE_DATASET_H_

#include <Eigen/Core>
#include <memory>
#include <string>
#include <vector>

namespace makerscore {

// One cell of a cohort's data that cannot be used as it is.
struct CellProblem {
  int row = 0;          // the line of the file (or the row of the data)
  std::string entity;   // the entity id of that row
  std::string field;    // the field id of the column
  std::string message;  // names the column and says what was expected and found
};

// Entities (rows) by fields (columns) of one year. Each field is one
// contiguous column of doubles; a missing value is NaN. A category field (a
// region, a class) holds codes 0, 1, 2 ... into its list of labels. The
// columns are either owned (built from an Eigen matrix) or borrowed from
// memory that an owner object keeps alive (numpy arrays, say), so that large
// cohorts need no copy. Immutable once built; copies share the columns; safe
// to share between threads.
class Dataset {
 public:
  Dataset() = default;
  // Takes the columns as given. Throws DataError when the sizes disagree, an
  // id is empty or appears twice, or a field id appears twice.
  // names may be empty (then every name is ""). rows, when given, holds the
  // source row (line) of each entity for messages; otherwise rows count from 1.
  // categories, when given, has one entry per field: the labels of a
  // category field (its values are codes into them), empty for the others.
  // values is entity_count x field_count.
  Dataset(std::vector<std::string> field_ids, std::vector<std::string> entity_ids,
          std::vector<std::string> entity_names, Eigen::MatrixXd values, std::vector<int> rows = {},
          std::string source = "", std::vector<std::vector<std::string>> categories = {});

  // Borrows the columns: columns[j] points at entity_ids.size() doubles of
  // field j, and stays valid while owner lives (the Dataset keeps owner).
  // The same checks as the constructor.
  static Dataset FromColumns(std::vector<std::string> field_ids, std::vector<std::string> entity_ids,
                             std::vector<std::string> entity_names, std::vector<const double*> columns,
                             std::shared_ptr<const void> owner, std::vector<std::vector<std::string>> categories = {},
                             std::string source = "");

  int entity_count() const { return static_cast<int>(entity_ids_.size()); }
  int field_count() const { return static_cast<int>(field_ids_.size()); }
  const std::vector<std::string>& field_ids() const { return field_ids_; }
  const std::vector<std::string>& entity_ids() const { return entity_ids_; }
  const std::vector<std::string>& entity_names() const { return entity_names_; }
  // Field j's column: entity_count() doubles, NaN where missing.
  const double* column(int j) const { return columns_[j]; }
  // The value of entity i's field j.
  double value(int i, int j) const { return columns_[j][i]; }
  // The source row of entity i (a CSV line number), for messages.
  int row(int i) const { return rows_[i]; }
  // Where the data came from (a file name), for messages; may be "".
  const std::string& source() const { return source_; }

  // The labels of category field j (empty for a numeric field).
  const std::vector<std::string>& categories(int j) const;

  // The cells set aside when the data was read (each is NaN in its column):
  // see RuleSet::bad_cells. Empty for data read strictly or built in code.
  const std::vector<CellProblem>& set_aside() const { return set_aside_; }
  // A copy whose cells named in cells (by entity and field id) are NaN and
  // listed in set_aside(); the columns are copied. Throws DataError for an
  // unknown entity or field.
  Dataset WithSetAside(std::vector<CellProblem> cells) const;
  // A copy holding only the entities at rows (indices, in the order given) with their source rows, the
  // notes, and the cells set aside of those entities; the columns are copied.
  Dataset Subset(const std::vector<int>& rows) const;

  // What the reader of a file left out or took for granted, in words for
  // people, each naming its row: title rows above the header, a totals row
  // (合计) that is not a makerspace. Scoring passes them on as warnings
  // (Result::warnings). Empty for data built in code.
  const std::vector<std::string>& notes() const { return notes_; }
  // This dataset with notes (for readers; moves, copies nothing).
  Dataset WithNotes(std::vector<std::string> notes) && {
    notes_ = std::move(notes);
    return std::move(*this);
  }

  // Index of a field or entity, or -1.
  int FindField(const std::string& id) const;
  int FindEntity(const std::string& id) const;

 private:
  void Check();  // the checks both ways of building share
  std::vector<std::string> field_ids_;
  std::vector<std::string> entity_ids_;
  std::vector<std::string> entity_names_;
  std::vector<const double*> columns_;
  std::shared_ptr<const void> owner_;  // keeps the columns alive
  std::vector<int> rows_;
  std::string source_;
  std::vector<std::vector<std::string>> categories_;
  std::vector<CellProblem> set_aside_;
  std::vector<std::string> notes_;
};

}  // namespace makerscore

#endif  // MAKERSCORE_DATASET_H_
