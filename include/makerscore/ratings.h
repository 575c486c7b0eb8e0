// makerscore: expert ratings of qualitative indicators.
#ifndef MAKERSCORE_RATINGS_H_
#define MAKERSCORE_RATINGS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace makerscore {

// One expert's rating of one entity on one qualitative indicator, as text.
struct Rating {
  std::string entity;     // entity id
  std::string indicator;  // indicator id
  std::string expert;     // expert id
  std::string value;      // a level label (优) or a number, as the scale says
  int row = 0;            // source row, for messages (0 when built in code)
};

// One column of the ratings' codes (Ratings::codes), read as numbers: one
// byte each while the column has at most 256 labels (experts, indicators and
// levels always do), four bytes after. A view: valid while the ratings are
// and no rating is added.
class CodeColumn {
 public:
  // Code k (k < size()).
  std::int32_t operator[](std::size_t k) const { return narrow_ != nullptr ? narrow_[k] : wide_[k]; }
  std::size_t size() const { return size_; }
  // The codes, copied.
  std::vector<std::int32_t> ToVector() const;
  // The codes in place, for loops over millions of them: one byte each (narrow(), null while the column is
  // wide) or four (wide(), null while it is narrow).
  const std::uint8_t* narrow() const { return narrow_; }
  const std::int32_t* wide() const { return wide_; }

 private:
  friend class Ratings;
  const std::uint8_t* narrow_ = nullptr;
  const std::int32_t* wide_ = nullptr;
  std::size_t size_ = 0;
};

// All ratings of one evaluation, stored by column: each rating is four codes
// into four label tables (entity ids, indicator ids, expert ids, rating
// values), so that millions of ratings take four integers each rather than
// four strings (seven bytes: a column of at most 256 labels takes a byte a
// code), and each distinct label is checked once. Checked against the
// model when scoring: unknown entities or indicators, ratings off the scale
// and duplicates are errors naming the row.
class Ratings {
 public:
  enum Column { kEntity = 0, kIndicator = 1, kExpert = 2, kValue = 3 };

  Ratings() = default;
  explicit Ratings(std::string source) : source(std::move(source)) {}

  // Appends one rating (labels are copied once per distinct label). row is
  // the source row for messages; 0 when built in code.
  void Add(std::string_view entity, std::string_view indicator, std::string_view expert, std::string_view value,
           int row = 0);
  void Add(const Rating& r) { Add(r.entity, r.indicator, r.expert, r.value, r.row); }
  // The same in two steps, for readers that meet the same label many times: the code of a label in
  // column c (new when no rating has it yet), then a rating appended by its four codes.
  std::int32_t Code(Column c, std::string_view label) { return Intern(c, label); }
  void AddCodes(const std::array<std::int32_t, 4>& codes, int row = 0);
  // Appends n ratings given column by column: columns[c][k] is column c's code of rating k, and the
  // ratings' source rows run on from first_row (0 when built in code). The same as n calls of the
  // one-rating AddCodes, without the work per rating; throws Error likewise when a code is outside its
  // labels, before appending any.
  void AddCodes(const std::array<const std::int32_t*, 4>& columns, std::size_t n, int first_row = 0);

  // Ratings given as codes: codes[c][k] indexes labels[c] (a code of -1 is an
  // empty cell), rows[k] is rating k's source row (or empty: rows count from
  // first_row). Throws DataError when the columns differ in length or a code
  // is outside its labels.
  static Ratings FromCodes(std::array<std::vector<std::string>, 4> labels,
                           std::array<std::vector<std::int32_t>, 4> codes, int first_row, std::string source);

  // Puts every label in Unicode NFC, merging labels that are one name spelt
  // two ways (composed and decomposed "é"), and checks the entity, indicator
  // and expert labels as names: throws DataError naming the row of each one
  // that holds an invisible or control character (named by code point) and of
  // each pair that looks alike (full-width "Ｅ01" against "E01"). The CSV
  // reader and FromCodes call it; call it after Add() when building ratings
  // in code. Work is per distinct label, not per rating.
  void NormalizeLabels();

  // Number of ratings.
  std::size_t size() const { return size_; }
  bool empty() const { return size() == 0; }
  // Reserves room for n ratings.
  void reserve(std::size_t n);

  // The distinct labels of a column, in order of first appearance.
  const std::vector<std::string>& labels(Column c) const { return labels_[c]; }
  // The code of label in column c, or -1 when no rating has it.
  std::int32_t Find(Column c, std::string_view label) const;
  // Each rating's code into labels(c).
  CodeColumn codes(Column c) const;
  // The code of column c of rating k.
  std::int32_t code(Column c, std::size_t k) const { return is_wide_[c] ? wide_[c][k] : narrow_[c][k]; }
  // The label of column c of rating k.
  const std::string& label(Column c, std::size_t k) const { return labels_[c][code(c, k)]; }
  // The source row of rating k (0 when built in code).
  int row(std::size_t k) const {
    return !rows_.empty() ? rows_[k] : first_row_ <= 0 ? 0 : first_row_ + static_cast<int>(k);
  }
  // Rating k as text.
  Rating at(std::size_t k) const;

  std::string source;  // where they came from (a file name), for messages

 private:
  std::int32_t Intern(Column c, std::string_view label);
  void Append(const std::array<std::int32_t, 4>& codes, int row);  // codes known to be in range
  std::array<std::vector<std::string>, 4> labels_;
  std::array<std::vector<std::uint64_t>, 4> keys_;  // each label's ShortKey (ratings.cpp), for Intern
  // Column c's codes: narrow_[c] while labels_[c] has at most 256 labels, wide_[c] (is_wide_[c], and
  // narrow_[c] empty) once it has more.
  void Widen(int c);
  std::array<std::vector<std::uint8_t>, 4> narrow_;
  std::array<std::vector<std::int32_t>, 4> wide_;
  std::array<bool, 4> is_wide_{};
  std::size_t size_ = 0;
  std::array<std::unordered_map<std::string, std::int32_t>, 4> index_;  // label -> code
  // Rows: while they run on one by one from first_row_ (a CSV file without
  // blank lines), or are all 0, none is stored; rows_ holds all of them once
  // one does not.
  int first_row_ = 0;
  std::vector<int> rows_;
};

}  // namespace makerscore

#endif  // MAKERSCORE_RATINGS_H_
