// Datasets and ratings: from numpy columns without a copy, or from CSV files.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <string_view>
#include <unordered_map>

#include "bindings.h"
#include "makerscore/csv.h"
#include "makerscore/dataset.h"
#include "makerscore/error.h"
#include "makerscore/model.h"
#include "makerscore/ratings.h"

namespace py = pybind11;

namespace makerscore::python {

namespace {

// Keeps Python objects alive for as long as a Dataset borrows their memory;
// the last reference may drop without the GIL, so the release takes it.
std::shared_ptr<const void> KeepAlive(py::object object) {
  auto* held = new py::object(std::move(object));
  return std::shared_ptr<const void>(held, [](const void* p) {
    py::gil_scoped_acquire gil;
    delete static_cast<const py::object*>(p);
  });
}

// One column of a ratings DataFrame as text, cell by cell: str objects as their UTF-8, numbers as a
// CSV file would write them (8.0 as "8"), missing cells (None, NaN) as "". A cell that is the same
// object (or number) as the one before reuses its text, so runs cost a pointer comparison.
class TextColumn {
 public:
  explicit TextColumn(py::array column) : column_(std::move(column)) {
    const char kind = column_.dtype().kind();
    if (column_.ndim() != 1 || (kind != 'O' && kind != 'f' && kind != 'i' && kind != 'u' && kind != 'U')) {
      throw DataError("ratings: each column must hold text or numbers");
    }
    if (kind == 'U' || kind == 'i' || kind == 'u') column_ = column_.attr("astype")("O");
    numbers_ = kind == 'f';
    if (numbers_) column_ = py::array_t<double, py::array::forcecast>(column_);
  }
  std::string_view operator[](py::ssize_t k) {
    if (numbers_) {
      const double v = static_cast<const double*>(column_.data())[k * column_.strides(0) / sizeof(double)];
      if (k > 0 && (v == last_number_ || (v != v && last_number_ != last_number_))) return text_;
      last_number_ = v;
      return text_ = Number(v);
    }
    PyObject* o = static_cast<PyObject* const*>(column_.data())[k * column_.strides(0) / sizeof(PyObject*)];
    if (o == last_object_) return view_;
    last_object_ = o;
    if (PyUnicode_Check(o)) {
      Py_ssize_t size = 0;
      const char* utf8 = PyUnicode_AsUTF8AndSize(o, &size);
      if (!utf8) throw py::error_already_set();
      return view_ = std::string_view(utf8, static_cast<size_t>(size));
    }
    if (o == Py_None) return view_ = std::string_view();
    if (PyFloat_Check(o)) {
      text_ = Number(PyFloat_AsDouble(o));
    } else {
      text_ = py::str(o).cast<std::string>();
    }
    return view_ = text_;
  }

 private:
  static std::string Number(double v) {
    if (v != v) return "";
    if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
    char buf[32];
    return std::string(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);  // the shortest text that reads back as v
  }
  py::array column_;
  bool numbers_ = false;
  double last_number_ = 0;
  PyObject* last_object_ = nullptr;
  std::string text_;
  std::string_view view_;
};

// One column of a ratings DataFrame as codes into the labels of ratings (Ratings::Code), the text of a
// cell as TextColumn gives it. Cells are looked up by object first: the same object as the cell before, or
// one of the last few distinct ones (a small table by address: experts, levels and indicator ids are a few
// objects repeated), costs no text comparison. The array holds every object for as long as the column is
// read, so an address stands for one object throughout.
class LabelCoder {
 public:
  LabelCoder(py::array column, Ratings* ratings, Ratings::Column c)
      : text_(column), objects_(column.dtype().kind() == 'O'), ratings_(ratings), c_(c) {
    if (objects_) column_ = std::move(column);
  }
  // The codes of cells [start, start + n) into out.
  void Code(py::ssize_t start, py::ssize_t n, std::int32_t* out) {
    if (!objects_) {
      for (py::ssize_t k = 0; k < n; ++k) out[k] = ratings_->Code(c_, text_[start + k]);
      return;
    }
    const auto* cells = static_cast<PyObject* const*>(column_.data());
    const py::ssize_t step = column_.strides(0) / static_cast<py::ssize_t>(sizeof(PyObject*));
    const py::ssize_t size = column_.shape(0);
    for (py::ssize_t k = start; k < start + n; ++k) {
      // Distinct objects a cell (a column made from a numpy text array) are read from memory one after
      // another: ask for the one a few cells on while this one is coded.
      if (k + kAhead < size) __builtin_prefetch(cells[(k + kAhead) * step]);
      PyObject* o = cells[k * step];
      if (o != last_object_) {
        const size_t slot = (reinterpret_cast<std::uintptr_t>(o) >> 4) % kSlots;
        if (seen_[slot] != o) {
          seen_[slot] = o;
          code_[slot] = ByCharacters(o, k);
        }
        last_object_ = o;
        last_code_ = code_[slot];
      }
      out[k - start] = last_code_;
    }
  }

 private:
  // A short text's characters as CPython holds them (one canonical width per text: the same text in two
  // objects has the same width, length and bytes), so that equal texts in distinct objects (a column made
  // from a numpy text array holds a new object a cell) are told apart without converting each to UTF-8.
  struct Characters {
    std::uint64_t bytes = 0;
    int width = 0;  // 0: no text here
    Py_ssize_t length = 0;
    bool operator==(const Characters& o) const { return bytes == o.bytes && width == o.width && length == o.length; }
  };

  std::int32_t ByCharacters(PyObject* o, py::ssize_t k) {
    if (!PyUnicode_Check(o)) return ratings_->Code(c_, text_[k]);
    Characters key;
    key.width = PyUnicode_KIND(o);
    key.length = PyUnicode_GET_LENGTH(o);
    const auto size = static_cast<size_t>(key.length * key.width);
    if (size > 8) return ratings_->Code(c_, text_[k]);
    const auto* bytes = static_cast<const unsigned char*>(PyUnicode_DATA(o));
    for (size_t i = 0; i < size; ++i) key.bytes |= std::uint64_t{bytes[i]} << (8 * i);  // not memcpy: no call
    // Equal texts often come in runs (one makerspace's ratings): the cell before's first.
    if (key == last_characters_) return last_characters_code_;
    const size_t slot = (key.bytes * 0x9E3779B97F4A7C15ULL + static_cast<std::uint64_t>(key.length)) >> 58;  // 64 slots
    if (!(characters_[slot] == key)) {
      characters_[slot] = key;
      character_code_[slot] = ratings_->Code(c_, text_[k]);
    }
    last_characters_ = key;
    return last_characters_code_ = character_code_[slot];
  }

  static constexpr size_t kSlots = 64;
  static constexpr py::ssize_t kAhead = 16;
  std::array<Characters, kSlots> characters_{};
  std::array<std::int32_t, kSlots> character_code_{};
  Characters last_characters_;
  std::int32_t last_characters_code_ = -1;
  TextColumn text_;
  bool objects_;
  py::array column_;
  Ratings* ratings_;
  Ratings::Column c_;
  std::array<PyObject*, kSlots> seen_{};
  std::array<std::int32_t, kSlots> code_{};
  PyObject* last_object_ = nullptr;
  std::int32_t last_code_ = -1;
};

Dataset FromColumns(std::vector<std::string> field_ids, std::vector<std::string> entity_ids,
                    std::vector<std::string> names, const py::list& columns,
                    std::vector<std::vector<std::string>> categories, const std::string& source) {
  std::vector<const double*> pointers;
  const py::ssize_t n = static_cast<py::ssize_t>(entity_ids.size());
  for (size_t j = 0; j < columns.size(); ++j) {
    py::object c = columns[j];
    if (!py::isinstance<py::array_t<double>>(c)) {
      throw DataError("column '" + (j < field_ids.size() ? field_ids[j] : std::string("?")) +
                      "' must be a float64 numpy array");
    }
    auto a = c.cast<py::array>();
    bool contiguous = (a.flags() & py::array::c_style) != 0;
    if (a.ndim() != 1 || a.shape(0) != n || !contiguous || a.dtype().kind() != 'f' || a.itemsize() != 8) {
      throw DataError("column '" + (j < field_ids.size() ? field_ids[j] : std::string("?")) + "' must be a " +
                      "contiguous 1-D float64 array of " + std::to_string(n) + " values");
    }
    pointers.push_back(static_cast<const double*>(a.data()));
  }
  return Dataset::FromColumns(std::move(field_ids), std::move(entity_ids), std::move(names), std::move(pointers),
                              KeepAlive(columns), std::move(categories), source);
}

py::list Problems(const std::vector<CellProblem>& problems) {
  py::list out;
  for (const auto& p : problems) {
    py::dict d;
    d["row"] = p.row;
    d["entity"] = p.entity;
    d["field"] = p.field;
    d["message"] = p.message;
    out.append(d);
  }
  return out;
}

}  // namespace

void BindData(py::module_& m) {
  py::class_<Dataset, std::shared_ptr<Dataset>>(
      m, "Dataset", "One year of a cohort: entities by fields, one contiguous float64 column per field.")
      .def_property_readonly("entity_ids", &Dataset::entity_ids, "The entities' ids, in row order.")
      .def_property_readonly("entity_names", &Dataset::entity_names, "The entities' names ('' when unknown).")
      .def_property_readonly("field_ids", &Dataset::field_ids, "The fields, in column order.")
      .def_property_readonly("entity_count", &Dataset::entity_count, "Number of entities.")
      .def_property_readonly("source", &Dataset::source, "Where the data came from.")
      .def_property_readonly(
          "set_aside", [](const Dataset& d) { return Problems(d.set_aside()); },
          "The cells set aside as unusable (dicts: row, entity, field, message).")
      .def(
          "with_set_aside",
          [](const Dataset& d, const std::vector<std::tuple<int, std::string, std::string, std::string>>& cells) {
            std::vector<CellProblem> problems;
            for (const auto& [row, entity, field, message] : cells) problems.push_back({row, entity, field, message});
            return std::make_shared<Dataset>(d.WithSetAside(std::move(problems)));
          },
          py::arg("cells"),
          "A copy with these cells (row, entity id, field id, message) missing and listed in set_aside.")
      .def(
          "column",
          [](py::object self, int j) {
            const Dataset& d = self.cast<const Dataset&>();
            if (j < 0 || j >= d.field_count()) throw py::index_error("no column " + std::to_string(j));
            // A read-only view of the column, kept alive by the dataset: no copy.
            py::array_t<double> view({static_cast<py::ssize_t>(d.entity_count())}, {sizeof(double)}, d.column(j), self);
            py::detail::array_proxy(view.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
            return view;
          },
          py::arg("j"), "Field j's values (a read-only numpy view of the data, not a copy).")
      .def("categories", &Dataset::categories, py::arg("j"), "The labels of category field j (codes index them).");

  m.def("dataset_from_columns", &FromColumns, py::arg("field_ids"), py::arg("entity_ids"), py::arg("entity_names"),
        py::arg("columns"), py::arg("categories"), py::arg("source") = "",
        "A Dataset borrowing contiguous float64 columns (kept alive by the Dataset); raises DataError for "
        "duplicate or empty ids and bad shapes.");
  m.def(
      "read_dataset_csv",
      [](const std::string& path, const Model& model, const std::string& encoding, const std::string& sheet) {
        return std::make_shared<Dataset>(ReadDatasetCsv(path, model.rules(), CsvOptions{encoding, sheet}));
      },
      py::arg("path"), py::arg("model"), py::arg("encoding") = "utf-8", py::arg("sheet") = "",
      "Reads one year's CSV (encoding: utf-8, or gb18030 for a file that is not UTF-8), checked against the rule "
      "file; raises DataError.");
  m.def(
      "read_dataset_csv_lenient",
      [](const std::string& path, const Model& model, const std::string& encoding, const std::string& sheet) {
        DatasetReading r = ReadDatasetCsvLenient(path, model.rules(), CsvOptions{encoding, sheet});
        return py::make_tuple(std::make_shared<Dataset>(std::move(r.data)), Problems(r.problems));
      },
      py::arg("path"), py::arg("model"), py::arg("encoding") = "utf-8", py::arg("sheet") = "",
      "Reads a CSV, setting aside cells that cannot be used: (dataset, problems as dicts).");

  m.def(
      "match_header",
      [](const std::vector<std::string>& header, const Model& model) {
        HeaderColumns h = FindHeaderColumns(header, model.rules());
        py::dict out;
        out["id_column"] = h.id;
        out["name_column"] = h.name;
        out["field_column"] = h.fields;
        out["problems"] = h.problems;
        return out;
      },
      py::arg("header"), py::arg("model"),
      "Where a header puts the id, the name and each field, as the CSV reader finds them (the usual Chinese "
      "headers, units in brackets), and the problems: a dict.");
  m.def(
      "check_values",
      [](const Model& model, const Dataset& data) { return Problems(CheckValues(model.rules(), data)); },
      py::arg("model"), py::arg("data"),
      "Values the rule file does not allow (a negative count, a value outside a field's bounds ...), as dicts.");

  py::class_<Ratings, std::shared_ptr<Ratings>>(m, "Ratings", "Expert ratings of qualitative indicators.")
      .def_property_readonly("count", &Ratings::size, "Number of ratings.")
      .def_readonly("source", &Ratings::source, "Where they came from.")
      .def(
          "labels",
          [](const Ratings& r, const std::string& column) {
            static const std::map<std::string, Ratings::Column> kColumns = {{"entity", Ratings::kEntity},
                                                                            {"indicator", Ratings::kIndicator},
                                                                            {"expert", Ratings::kExpert},
                                                                            {"rating", Ratings::kValue}};
            const auto it = kColumns.find(column);
            if (it == kColumns.end()) {
              throw py::value_error("column='" + column + "': give entity, indicator, expert or rating");
            }
            return r.labels(it->second);
          },
          py::arg("column"),
          "The distinct labels of a column (entity, indicator, expert or rating), in order of first appearance; "
          "'' stands for empty cells.");
  m.def(
      "ratings_from_columns",
      [](const std::vector<py::array>& columns, const std::string& source) {
        if (columns.size() != 4) throw DataError(source + ": four columns expected");
        const py::ssize_t n = columns[0].size();
        for (const auto& c : columns) {
          if (c.size() != n)
            throw DataError(source + ": the entity, indicator, expert and rating columns differ in length");
        }
        auto r = std::make_shared<Ratings>(source);
        r->reserve(static_cast<size_t>(n));
        std::array<LabelCoder, 4> coders{
            LabelCoder(columns[0], r.get(), Ratings::kEntity), LabelCoder(columns[1], r.get(), Ratings::kIndicator),
            LabelCoder(columns[2], r.get(), Ratings::kExpert), LabelCoder(columns[3], r.get(), Ratings::kValue)};
        // Column by column, a block of rows at a time: each column's cells read in one run, the codes
        // kept in a small buffer.
        constexpr py::ssize_t kBlock = py::ssize_t{1} << 14;
        std::array<std::vector<std::int32_t>, 4> block;
        for (auto& b : block) b.resize(static_cast<size_t>(std::min(kBlock, n)));
        for (py::ssize_t start = 0; start < n; start += kBlock) {
          const py::ssize_t rows = std::min(kBlock, n - start);
          for (int c = 0; c < 4; ++c) coders[c].Code(start, rows, block[c].data());
          r->AddCodes({block[0].data(), block[1].data(), block[2].data(), block[3].data()}, static_cast<size_t>(rows),
                      static_cast<int>(start) + 2);
        }
        r->NormalizeLabels();  // one spelling of each label; invisible characters and look-alikes refused
        return r;
      },
      py::arg("columns"), py::arg("source") = "ratings",
      "Ratings from the columns entity, indicator, expert, rating (numpy arrays of text or numbers; None and "
      "NaN are empty cells); rows are numbered as in a CSV file with a header.");
  m.def(
      "ratings_from_categories",
      [](const std::vector<py::array>& codes, const std::vector<py::array>& categories, const std::string& source) {
        // pandas Categorical columns as they are: each category's text looked up once, each cell by its code.
        if (codes.size() != 4 || categories.size() != 4) throw DataError(source + ": four columns expected");
        const py::ssize_t n = codes[0].size();
        auto r = std::make_shared<Ratings>(source);
        r->reserve(static_cast<size_t>(n));
        std::array<std::vector<std::int32_t>, 4> column;
        for (int c = 0; c < 4; ++c) {
          if (codes[c].size() != n)
            throw DataError(source + ": the entity, indicator, expert and rating columns differ in length");
          const auto kind = static_cast<Ratings::Column>(c);
          TextColumn text(categories[c]);
          std::vector<std::int32_t> of_category(static_cast<size_t>(categories[c].size()));
          for (py::ssize_t j = 0; j < categories[c].size(); ++j) of_category[j] = r->Code(kind, text[j]);
          const std::int32_t empty = r->Code(kind, "");  // code -1: a missing cell
          py::array_t<std::int64_t, py::array::forcecast> wide(codes[c]);
          auto cells = wide.unchecked<1>();
          column[c].resize(static_cast<size_t>(n));
          for (py::ssize_t k = 0; k < n; ++k) {
            const std::int64_t code = cells(k);
            if (code >= static_cast<std::int64_t>(of_category.size()))
              throw DataError(source + ": a code outside its categories");
            column[c][k] = code < 0 ? empty : of_category[code];
          }
        }
        r->AddCodes({column[0].data(), column[1].data(), column[2].data(), column[3].data()}, static_cast<size_t>(n),
                    2);
        r->NormalizeLabels();
        return r;
      },
      py::arg("codes"), py::arg("categories"), py::arg("source") = "ratings",
      "Ratings from pandas Categorical columns entity, indicator, expert, rating: each column's codes (-1: a "
      "missing cell) and its categories (text or numbers); rows are numbered as in a CSV file with a header.");
  m.def(
      "read_ratings_csv",
      [](const std::string& path, const std::string& encoding, const std::string& sheet) {
        return std::make_shared<Ratings>(ReadRatingsCsv(path, CsvOptions{encoding, sheet}));
      },
      py::arg("path"), py::arg("encoding") = "utf-8", py::arg("sheet") = "",
      "Reads ratings in long form (entity, indicator, expert, rating); raises DataError.");
}

}  // namespace makerscore::python
