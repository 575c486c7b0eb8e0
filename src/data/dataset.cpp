// Dataset: construction checks and look-ups.
#include "makerscore/dataset.h"

#include <cmath>
#include <unordered_map>

#include "makerscore/error.h"

namespace makerscore {

Dataset::Dataset(std::vector<std::string> field_ids, std::vector<std::string> entity_ids,
                 std::vector<std::string> entity_names, Eigen::MatrixXd values, std::vector<int> rows,
                 std::string source, std::vector<std::vector<std::string>> categories)
    : field_ids_(std::move(field_ids)),
      entity_ids_(std::move(entity_ids)),
      entity_names_(std::move(entity_names)),
      values_(std::move(values)),
      rows_(std::move(rows)),
      source_(std::move(source)),
      categories_(std::move(categories)) {
  const size_t n = entity_ids_.size();
  std::string where = source_.empty() ? "dataset" : source_;
  if (values_.rows() != static_cast<Eigen::Index>(n) ||
      values_.cols() != static_cast<Eigen::Index>(field_ids_.size())) {
    throw DataError(where + ": the values are " + std::to_string(values_.rows()) + " x " +
                    std::to_string(values_.cols()) + " but there are " + std::to_string(n) +
                    " entities and " + std::to_string(field_ids_.size()) + " fields");
  }
  if (entity_names_.empty()) entity_names_.assign(n, "");
  if (entity_names_.size() != n) {
    throw DataError(where + ": " + std::to_string(entity_names_.size()) + " names for " +
                    std::to_string(n) + " entities");
  }
  if (rows_.empty()) {
    for (size_t i = 0; i < n; ++i) rows_.push_back(static_cast<int>(i) + 1);
  }
  if (rows_.size() != n) throw DataError(where + ": row numbers do not match the entities");
  if (categories_.empty()) categories_.resize(field_ids_.size());
  if (categories_.size() != field_ids_.size()) throw DataError(where + ": categories do not match the fields");
  for (size_t j = 0; j < categories_.size(); ++j) {
    if (categories_[j].empty()) continue;
    const double k = static_cast<double>(categories_[j].size());
    for (Eigen::Index i = 0; i < values_.rows(); ++i) {
      double v = values_(i, static_cast<Eigen::Index>(j));
      if (v == v && !(v >= 0 && v < k && v == std::floor(v))) {
        throw DataError(where + ": field '" + field_ids_[j] + "' holds categories, but row " + std::to_string(i + 1) +
                        " has the code " + std::to_string(v));
      }
    }
  }
  std::unordered_map<std::string, size_t> seen;
  for (size_t i = 0; i < n; ++i) {
    if (entity_ids_[i].empty()) {
      throw DataError(where + ": row " + std::to_string(rows_[i]) + ": the entity id is empty");
    }
    auto [it, fresh] = seen.emplace(entity_ids_[i], i);
    if (!fresh) {
      throw DataError(where + ": row " + std::to_string(rows_[i]) + ": entity id '" + entity_ids_[i] +
                      "' appears twice (first in row " + std::to_string(rows_[it->second]) + ")");
    }
  }
  for (size_t j = 0; j < field_ids_.size(); ++j) {
    for (size_t k = 0; k < j; ++k) {
      if (field_ids_[j] == field_ids_[k]) throw DataError(where + ": field '" + field_ids_[j] + "' appears twice");
    }
  }
}

const std::vector<std::string>& Dataset::categories(int j) const { return categories_[j]; }

int Dataset::FindField(const std::string& id) const {
  for (size_t j = 0; j < field_ids_.size(); ++j) {
    if (field_ids_[j] == id) return static_cast<int>(j);
  }
  return -1;
}

int Dataset::FindEntity(const std::string& id) const {
  for (size_t i = 0; i < entity_ids_.size(); ++i) {
    if (entity_ids_[i] == id) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace makerscore
