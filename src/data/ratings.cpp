// Expert ratings stored by column (include/makerscore/ratings.h).
#include "makerscore/ratings.h"

#include "makerscore/error.h"

namespace makerscore {

std::int32_t Ratings::Intern(Column c, std::string_view label) {
  std::vector<std::int32_t>& codes = codes_[c];
  // Ratings come in runs (one entity's, one expert's): try the label before first.
  if (!codes.empty() && labels_[c][codes.back()] == label) return codes.back();
  // A few labels (the experts, the levels of a scale) are found faster by looking at each than by hashing.
  constexpr std::size_t kFew = 16;
  const std::vector<std::string>& labels = labels_[c];
  if (labels.size() <= kFew) {
    for (std::size_t j = 0; j < labels.size(); ++j) {
      if (labels[j] == label) return static_cast<std::int32_t>(j);
    }
  }
  auto [it, fresh] = index_[c].emplace(std::string(label), static_cast<std::int32_t>(labels_[c].size()));
  if (fresh) labels_[c].emplace_back(label);
  return it->second;
}

void Ratings::Add(std::string_view entity, std::string_view indicator, std::string_view expert, std::string_view value,
                  int row) {
  const std::size_t k = size();
  if (k == 0) {
    first_row_ = row;
  } else if (rows_.empty() && row != this->row(k)) {
    std::vector<int> rows(k);
    for (std::size_t j = 0; j < k; ++j) rows[j] = this->row(j);
    rows.reserve(codes_[kEntity].capacity());
    rows_ = std::move(rows);
  }
  if (!rows_.empty()) rows_.push_back(row);
  const std::int32_t codes[] = {Intern(kEntity, entity), Intern(kIndicator, indicator), Intern(kExpert, expert),
                                Intern(kValue, value)};
  for (int c = 0; c < 4; ++c) codes_[c].push_back(codes[c]);
}

void Ratings::reserve(std::size_t n) {
  for (auto& c : codes_) c.reserve(n);
}

Ratings Ratings::FromCodes(std::array<std::vector<std::string>, 4> labels,
                           std::array<std::vector<std::int32_t>, 4> codes, int first_row, std::string source) {
  const std::size_t n = codes[0].size();
  for (const auto& c : codes) {
    if (c.size() != n) {
      throw DataError(source + ": the entity, indicator, expert and rating columns differ in length");
    }
  }
  Ratings r(std::move(source));
  for (int c = 0; c < 4; ++c) {
    const auto size = static_cast<std::int32_t>(labels[c].size());
    std::int32_t empty = -1;  // the code of "", added when a cell is empty
    for (std::int32_t& code : codes[c]) {
      if (code >= size) throw DataError(r.source + ": a rating's code is outside its labels");
      if (code < 0) {
        if (empty < 0) {
          empty = static_cast<std::int32_t>(labels[c].size());
          labels[c].emplace_back();
        }
        code = empty;
      }
    }
    for (std::size_t j = 0; j < labels[c].size(); ++j) r.index_[c].emplace(labels[c][j], static_cast<std::int32_t>(j));
    r.labels_[c] = std::move(labels[c]);
    r.codes_[c] = std::move(codes[c]);
  }
  r.first_row_ = first_row;
  return r;
}

std::int32_t Ratings::Find(Column c, std::string_view label) const {
  auto it = index_[c].find(std::string(label));
  return it == index_[c].end() ? -1 : it->second;
}

Rating Ratings::at(std::size_t k) const {
  return {label(kEntity, k), label(kIndicator, k), label(kExpert, k), label(kValue, k), row(k)};
}

}  // namespace makerscore
