// Expert ratings stored by column (include/makerscore/ratings.h).
#include "makerscore/ratings.h"

#include <algorithm>

#include "makerscore/error.h"
#include "util/unicode.h"

namespace makerscore {

namespace {

constexpr std::uint64_t kLongLabel = ~std::uint64_t{0};

// A label of at most 7 bytes as one number (its length, then its bytes), so that matching a rating's label
// against the few labels of a column (the experts, the levels) is comparing numbers; kLongLabel otherwise.
std::uint64_t ShortKey(std::string_view label) {
  if (label.size() > 7) return kLongLabel;
  std::uint64_t key = label.size();
  for (char c : label) key = (key << 8) | static_cast<unsigned char>(c);
  return key;
}

}  // namespace

std::int32_t Ratings::Intern(Column c, std::string_view label) {
  const std::vector<std::string>& labels = labels_[c];
  const std::vector<std::uint64_t>& keys = keys_[c];
  const std::uint64_t key = ShortKey(label);
  const auto is = [&](std::int32_t j) { return key != kLongLabel ? keys[j] == key : labels[j] == label; };
  // Ratings come in runs (one entity's, one expert's): try the label before first.
  if (size_ > 0) {
    if (const std::int32_t last = code(c, size_ - 1); is(last)) return last;
  }
  // A few labels (the experts, the levels of a scale) are found faster by looking at each than by hashing.
  constexpr std::size_t kFew = 16;
  if (labels.size() <= kFew) {
    for (std::size_t j = 0; j < labels.size(); ++j) {
      if (is(static_cast<std::int32_t>(j))) return static_cast<std::int32_t>(j);
    }
  }
  // Looked up before it is added: emplace would make (and free) a node for every label already there.
  std::string text(label);
  if (const auto it = index_[c].find(text); it != index_[c].end()) return it->second;
  const auto code = static_cast<std::int32_t>(labels_[c].size());
  index_[c].emplace(text, code);
  labels_[c].push_back(std::move(text));
  keys_[c].push_back(key);
  if (labels_[c].size() > 256 && !is_wide_[c]) Widen(c);
  return code;
}

void Ratings::Widen(int c) {
  std::vector<std::int32_t> wide;
  wide.reserve(std::max(narrow_[c].capacity(), size_));
  wide.assign(narrow_[c].begin(), narrow_[c].end());
  wide_[c] = std::move(wide);
  narrow_[c] = {};
  is_wide_[c] = true;
}

CodeColumn Ratings::codes(Column c) const {
  CodeColumn column;
  if (is_wide_[c]) {
    column.wide_ = wide_[c].data();
  } else {
    column.narrow_ = narrow_[c].data();
  }
  column.size_ = size_;
  return column;
}

std::vector<std::int32_t> CodeColumn::ToVector() const {
  std::vector<std::int32_t> out(size_);
  for (std::size_t k = 0; k < size_; ++k) out[k] = (*this)[k];
  return out;
}

void Ratings::Add(std::string_view entity, std::string_view indicator, std::string_view expert, std::string_view value,
                  int row) {
  Append({Intern(kEntity, entity), Intern(kIndicator, indicator), Intern(kExpert, expert), Intern(kValue, value)}, row);
}

void Ratings::AddCodes(const std::array<std::int32_t, 4>& codes, int row) {
  for (int c = 0; c < 4; ++c) {
    if (codes[c] < 0 || codes[c] >= static_cast<std::int32_t>(labels_[c].size())) {
      throw Error("Ratings::AddCodes: a code outside its labels (take codes from Ratings::Code)");
    }
  }
  Append(codes, row);
}

void Ratings::AddCodes(const std::array<const std::int32_t*, 4>& columns, std::size_t n, int first_row) {
  for (int c = 0; c < 4; ++c) {
    const auto labels = static_cast<std::uint32_t>(labels_[c].size());
    std::uint32_t largest = 0;  // a negative code is a large unsigned one
    for (std::size_t k = 0; k < n; ++k) largest = std::max(largest, static_cast<std::uint32_t>(columns[c][k]));
    if (n > 0 && largest >= labels) {
      throw Error("Ratings::AddCodes: a code outside its labels (take codes from Ratings::Code)");
    }
  }
  if (n == 0) return;
  // Rows that run on from the ratings before (or the first ratings) need none stored.
  if (size_ != 0 && !(rows_.empty() && (first_row > 0 ? first_row : 0) == row(size_))) {
    for (std::size_t k = 0; k < n; ++k) {
      Append({columns[0][k], columns[1][k], columns[2][k], columns[3][k]},
             first_row > 0 ? first_row + static_cast<int>(k) : 0);
    }
    return;
  }
  if (size_ == 0) first_row_ = first_row;
  for (int c = 0; c < 4; ++c) {
    if (is_wide_[c]) {
      wide_[c].insert(wide_[c].end(), columns[c], columns[c] + n);
    } else {  // at most 256 labels: every code fits a byte
      std::vector<std::uint8_t>& narrow = narrow_[c];
      const std::size_t at = narrow.size();
      narrow.resize(at + n);
      for (std::size_t k = 0; k < n; ++k) narrow[at + k] = static_cast<std::uint8_t>(columns[c][k]);
    }
  }
  size_ += n;
}

void Ratings::Append(const std::array<std::int32_t, 4>& codes, int row) {
  const std::size_t k = size();
  if (k == 0) {
    first_row_ = row;
  } else if (rows_.empty() && row != this->row(k)) {
    std::vector<int> rows(k);
    for (std::size_t j = 0; j < k; ++j) rows[j] = this->row(j);
    rows.reserve(std::max(narrow_[kEntity].capacity(), wide_[kEntity].capacity()));
    rows_ = std::move(rows);
  }
  if (!rows_.empty()) rows_.push_back(row);
  for (int c = 0; c < 4; ++c) {
    if (is_wide_[c]) {
      wide_[c].push_back(codes[c]);
    } else {
      narrow_[c].push_back(static_cast<std::uint8_t>(codes[c]));
    }
  }
  ++size_;
}

void Ratings::reserve(std::size_t n) {
  for (int c = 0; c < 4; ++c) {
    if (is_wide_[c]) {
      wide_[c].reserve(n);
    } else {
      narrow_[c].reserve(n);
    }
  }
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
    for (const std::string& label : labels[c]) r.keys_[c].push_back(ShortKey(label));
    r.labels_[c] = std::move(labels[c]);
    if (r.labels_[c].size() > 256) {
      r.wide_[c] = std::move(codes[c]);
      r.is_wide_[c] = true;
    } else {
      r.narrow_[c].assign(codes[c].begin(), codes[c].end());  // each code below 256
    }
  }
  r.size_ = n;
  r.first_row_ = first_row;
  r.NormalizeLabels();
  return r;
}

void Ratings::NormalizeLabels() {
  static const char* const kWhat[] = {"entity", "indicator", "expert", "rating"};
  std::string problems;
  int count = 0;
  auto first_row = [&](int c, std::int32_t label) {
    for (std::size_t k = 0; k < size_; ++k) {
      if (code(static_cast<Column>(c), k) == label) return row(k);
    }
    return 0;
  };
  auto report = [&](int row, const std::string& message) {
    if (count++ < 20)
      problems += source + (row > 0 ? ":" + std::to_string(row) : std::string()) + ": " + message + "\n";
  };
  for (int c = 0; c < 4; ++c) {
    std::vector<std::string>& labels = labels_[c];
    // One spelling of each label; a label that becomes another one's spelling takes its code.
    std::vector<std::int32_t> merged;
    for (std::size_t j = 0; j < labels.size(); ++j) {
      if (detail::IsAscii(labels[j])) continue;
      std::string nfc = detail::Nfc(labels[j]);
      if (nfc == labels[j]) continue;
      if (merged.empty()) {
        merged.resize(labels.size());
        for (std::size_t k = 0; k < labels.size(); ++k) merged[k] = static_cast<std::int32_t>(k);
      }
      index_[c].erase(labels[j]);
      auto [it, fresh] = index_[c].emplace(nfc, static_cast<std::int32_t>(j));
      merged[j] = it->second;
      keys_[c][j] = ShortKey(nfc);
      labels[j] = std::move(nfc);
    }
    if (!merged.empty()) {
      for (std::int32_t& code : wide_[c]) code = merged[static_cast<std::size_t>(code)];
      for (std::uint8_t& code : narrow_[c]) code = static_cast<std::uint8_t>(merged[code]);
    }
    if (c == kValue) continue;  // ratings are checked against the scale, which names what is wrong
    for (std::size_t j = 0; j < labels.size(); ++j) {
      if (detail::IsPlainAscii(labels[j]) || (!merged.empty() && merged[j] != static_cast<std::int32_t>(j))) continue;
      if (std::string problem = detail::IdProblem(labels[j]); !problem.empty()) {
        report(first_row(c, static_cast<std::int32_t>(j)), "the " + std::string(kWhat[c]) + " '" +
                                                               detail::Visible(labels[j]) + "' contains " + problem +
                                                               "; remove it");
      }
    }
    for (const auto& [a, b] : detail::LookAlikePairs(labels)) {
      if (labels[a] == labels[b]) continue;  // one label, merged above
      report(first_row(c, static_cast<std::int32_t>(b)),
             detail::LookAlikeMessage("the " + std::string(kWhat[c]) + " ids", labels[a], labels[b]) +
                 " (the first is in row " + std::to_string(first_row(c, static_cast<std::int32_t>(a))) + ")");
    }
  }
  if (count)
    throw DataError(problems + std::to_string(count) + (count == 1 ? " label" : " labels") + " cannot be used in " +
                    (source.empty() ? std::string("the ratings") : source));
}

std::int32_t Ratings::Find(Column c, std::string_view label) const {
  auto it = index_[c].find(std::string(label));
  return it == index_[c].end() ? -1 : it->second;
}

Rating Ratings::at(std::size_t k) const {
  return {label(kEntity, k), label(kIndicator, k), label(kExpert, k), label(kValue, k), row(k)};
}

}  // namespace makerscore
