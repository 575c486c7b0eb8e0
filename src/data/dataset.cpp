// Dataset: construction checks and look-ups.
#include "makerscore/dataset.h"

#include <cmath>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "makerscore/error.h"
#include "util/unicode.h"

namespace makerscore {

Dataset::Dataset(std::vector<std::string> field_ids, std::vector<std::string> entity_ids,
                 std::vector<std::string> entity_names, Eigen::MatrixXd values, std::vector<int> rows,
                 std::string source, std::vector<std::vector<std::string>> categories)
    : field_ids_(std::move(field_ids)),
      entity_ids_(std::move(entity_ids)),
      entity_names_(std::move(entity_names)),
      rows_(std::move(rows)),
      source_(std::move(source)),
      categories_(std::move(categories)) {
  std::string where = source_.empty() ? "dataset" : source_;
  if (values.rows() != static_cast<Eigen::Index>(entity_ids_.size()) ||
      values.cols() != static_cast<Eigen::Index>(field_ids_.size())) {
    throw DataError(where + ": the values are " + std::to_string(values.rows()) + " x " +
                    std::to_string(values.cols()) + " but there are " + std::to_string(entity_ids_.size()) +
                    " entities and " + std::to_string(field_ids_.size()) + " fields");
  }
  auto owned = std::make_shared<const Eigen::MatrixXd>(std::move(values));
  for (Eigen::Index j = 0; j < owned->cols(); ++j) columns_.push_back(owned->col(j).data());
  owner_ = owned;
  Check();
}

Dataset Dataset::FromColumns(std::vector<std::string> field_ids, std::vector<std::string> entity_ids,
                             std::vector<std::string> entity_names, std::vector<const double*> columns,
                             std::shared_ptr<const void> owner, std::vector<std::vector<std::string>> categories,
                             std::string source) {
  Dataset d;
  d.field_ids_ = std::move(field_ids);
  d.entity_ids_ = std::move(entity_ids);
  d.entity_names_ = std::move(entity_names);
  d.columns_ = std::move(columns);
  d.owner_ = std::move(owner);
  d.categories_ = std::move(categories);
  d.source_ = std::move(source);
  if (d.columns_.size() != d.field_ids_.size()) {
    throw DataError((d.source_.empty() ? "dataset" : d.source_) + ": " + std::to_string(d.columns_.size()) +
                    " columns for " + std::to_string(d.field_ids_.size()) + " fields");
  }
  for (size_t j = 0; j < d.columns_.size(); ++j) {
    if (d.columns_[j] == nullptr && !d.entity_ids_.empty()) {
      throw DataError("dataset: no values for field '" + d.field_ids_[j] + "'");
    }
  }
  d.Check();
  return d;
}

void Dataset::Check() {
  const size_t n = entity_ids_.size();
  std::string where = source_.empty() ? "dataset" : source_;
  if (entity_names_.empty()) entity_names_.assign(n, "");
  if (entity_names_.size() != n) {
    throw DataError(where + ": " + std::to_string(entity_names_.size()) + " names for " + std::to_string(n) +
                    " entities");
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
    for (size_t i = 0; i < n; ++i) {
      double v = columns_[j][i];
      if (v == v && !(v >= 0 && v < k && v == std::floor(v))) {
        throw DataError(where + ": field '" + field_ids_[j] + "' holds categories, but row " + std::to_string(i + 1) +
                        " has the code " + std::to_string(v));
      }
    }
  }
  // Ids as people type them: one spelling of each (NFC), no invisible characters, no look-alike twins.
  std::string problems;
  int count = 0;
  for (size_t i = 0; i < n; ++i) {
    std::string& id = entity_ids_[i];
    if (detail::IsPlainAscii(id)) continue;
    id = detail::Nfc(id);
    if (std::string problem = detail::IdProblem(id); !problem.empty() && count++ < 20) {
      problems += where + ": row " + std::to_string(rows_[i]) + ": the entity id '" + detail::Visible(id) +
                  "' contains " + problem + "; remove it\n";
    }
  }
  for (auto& labels : categories_) {
    for (auto& label : labels) label = detail::Nfc(label);
  }
  for (const auto& [a, b] : detail::LookAlikePairs(entity_ids_)) {
    if (entity_ids_[a] == entity_ids_[b] || count++ >= 20) continue;  // the same id twice is reported below
    problems += where + ": row " + std::to_string(rows_[b]) + ": " +
                detail::LookAlikeMessage("the entity ids", entity_ids_[a], entity_ids_[b]) + " (the first is in row " +
                std::to_string(rows_[a]) + ")\n";
  }
  if (count) {
    throw DataError(problems + std::to_string(count) + (count == 1 ? " entity id" : " entity ids") +
                    " cannot be used in " + where);
  }
  std::unordered_map<std::string_view, size_t> seen;  // views of the ids, which stay put from here on
  seen.reserve(n);
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
  std::unordered_map<std::string, size_t> fields;
  for (size_t j = 0; j < field_ids_.size(); ++j) {
    if (!fields.emplace(field_ids_[j], j).second)
      throw DataError(where + ": field '" + field_ids_[j] + "' appears twice");
  }
}

const std::vector<std::string>& Dataset::categories(int j) const { return categories_[j]; }

Dataset Dataset::WithSetAside(std::vector<CellProblem> cells) const {
  Eigen::MatrixXd values(entity_count(), field_count());
  for (int j = 0; j < field_count(); ++j) {
    values.col(j) = Eigen::Map<const Eigen::VectorXd>(columns_[j], entity_count());
  }
  std::unordered_map<std::string, int> index;
  for (int i = 0; i < entity_count(); ++i) index.emplace(entity_ids_[i], i);
  for (const auto& cell : cells) {
    auto it = index.find(cell.entity);
    int j = FindField(cell.field);
    if (it == index.end() || j < 0) {
      throw DataError("cannot set aside the cell of entity '" + cell.entity + "', field '" + cell.field +
                      "': no such " + (j < 0 ? "field" : "entity"));
    }
    values(it->second, j) = std::numeric_limits<double>::quiet_NaN();
  }
  Dataset out(field_ids_, entity_ids_, entity_names_, std::move(values), rows_, source_, categories_);
  out.set_aside_ = set_aside_;
  out.notes_ = notes_;
  out.set_aside_.insert(out.set_aside_.end(), std::make_move_iterator(cells.begin()),
                        std::make_move_iterator(cells.end()));
  return out;
}

Dataset Dataset::Subset(const std::vector<int>& rows) const {
  const auto n = static_cast<Eigen::Index>(rows.size());
  Eigen::MatrixXd values(n, field_count());
  std::vector<std::string> ids, names;
  std::vector<int> source_rows;
  for (Eigen::Index r = 0; r < n; ++r) {
    const int i = rows[static_cast<size_t>(r)];
    for (int j = 0; j < field_count(); ++j) values(r, j) = columns_[j][i];
    ids.push_back(entity_ids_[i]);
    names.push_back(entity_names_[i]);
    source_rows.push_back(rows_[i]);
  }
  const std::unordered_set<std::string> kept(ids.begin(), ids.end());
  Dataset out(field_ids_, std::move(ids), std::move(names), std::move(values), std::move(source_rows), source_,
              categories_);
  out.notes_ = notes_;
  for (const CellProblem& p : set_aside_) {
    if (kept.count(p.entity)) out.set_aside_.push_back(p);
  }
  return out;
}

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
