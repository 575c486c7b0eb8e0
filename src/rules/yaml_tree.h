// A YAML document as the rule readers walk it (internal): a parser reports
// events (a scalar, a map begins ...) and YamlDocument::Parse builds this
// tree from them, in one pass and one arena, instead of yaml-cpp's own node
// graph of shared pointers (YAML::Load), which cost a quarter of loading a
// rule file. The events are libfyaml's, translated, for plain YAML, and
// yaml-cpp's parser's for the rest. The tree is what YAML::Load builds, node
// for node: the same scalars, nulls, tags, styles and positions, an alias
// the very node its anchor names, and the same messages (docs/decisions.md,
// "Loading: libfyaml first, yaml-cpp for the rest and for every message").
#ifndef MAKERSCORE_SRC_RULES_YAML_TREE_H_
#define MAKERSCORE_SRC_RULES_YAML_TREE_H_

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace makerscore::detail {

// One node of a parsed document, owned by its YamlDocument.
struct YamlData {
  enum Kind { kNull, kScalar, kSequence, kMap };
  Kind kind = kNull;
  std::string scalar;  // a scalar's text
  std::string tag;     // as yaml-cpp gives it: "?" plain, "!" quoted, "" none
  YAML::Mark mark;     // where the node begins
  YAML::EmitterStyle::value style = YAML::EmitterStyle::Default;
  std::vector<const YamlData*> items;  // a sequence's items; a map's keys and values, alternating
};

class YamlIterator;

// A handle to a node of a document (cheap to copy; the document must outlive it). A default handle is
// undefined: what a lookup of a missing key gives, as in yaml-cpp.
class YamlNode {
 public:
  YamlNode() = default;
  explicit YamlNode(const YamlData* data) : data_(data) {}

  bool IsDefined() const { return data_ != nullptr; }
  explicit operator bool() const { return IsDefined(); }
  bool IsNull() const { return data_ != nullptr && data_->kind == YamlData::kNull; }
  bool IsScalar() const { return data_ != nullptr && data_->kind == YamlData::kScalar; }
  bool IsSequence() const { return data_ != nullptr && data_->kind == YamlData::kSequence; }
  bool IsMap() const { return data_ != nullptr && data_->kind == YamlData::kMap; }
  // A scalar's text; "" for any other node.
  const std::string& Scalar() const;
  // The tag as yaml-cpp reports it ("?" a plain scalar, "!" a quoted one, "" none given).
  const std::string& Tag() const;
  // Where the node begins; an undefined node's mark is yaml-cpp's null mark (line -1).
  YAML::Mark Mark() const { return data_ != nullptr ? data_->mark : YAML::Mark::null_mark(); }
  YAML::EmitterStyle::value Style() const { return data_ != nullptr ? data_->style : YAML::EmitterStyle::Default; }
  // Items of a sequence, entries of a map, 0 otherwise.
  std::size_t size() const;
  // Item i of a sequence; undefined past the end or when this is not a sequence.
  YamlNode operator[](std::size_t i) const;
  YamlNode operator[](int i) const { return (*this)[static_cast<std::size_t>(i)]; }
  // The value of the first entry of a map whose key is the scalar `key`; undefined when there is none.
  YamlNode operator[](std::string_view key) const;
  YamlNode operator[](const char* key) const { return (*this)[std::string_view(key)]; }
  YamlNode operator[](const std::string& key) const { return (*this)[std::string_view(key)]; }

  // Over a sequence's items or a map's entries; empty for anything else.
  YamlIterator begin() const;
  YamlIterator end() const;

 private:
  const YamlData* data_ = nullptr;
};

// What iterating gives: for a sequence, the item itself; for a map, the entry's key and value as first and
// second (the entry itself is then undefined), as yaml-cpp's iterators do.
struct YamlItem : YamlNode {
  YamlNode first, second;
};

class YamlIterator {
 public:
  YamlIterator(const YamlData* data, std::size_t at) : data_(data), at_(at) {}
  YamlItem operator*() const;
  YamlIterator& operator++() {
    at_ += data_->kind == YamlData::kMap ? 2 : 1;
    return *this;
  }
  bool operator!=(const YamlIterator& o) const { return at_ != o.at_; }

 private:
  const YamlData* data_;
  std::size_t at_;
};

// A parsed document: its nodes and its root.
class YamlDocument {
 public:
  // The first document of text, as YAML::Load(text) reads it (its root undefined when text holds none).
  // Throws YAML::Exception (a YAML::ParserException with its mark) where yaml-cpp's parser stops.
  static YamlDocument Parse(std::string_view text);

  YamlDocument() = default;
  YamlDocument(YamlDocument&&) = default;
  YamlDocument& operator=(YamlDocument&&) = default;

  YamlNode root() const { return YamlNode(root_); }

 private:
  friend class YamlTreeBuilder;
  std::deque<YamlData> nodes_;  // a deque: nodes stay where they are as it grows
  const YamlData* root_ = nullptr;
};

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_RULES_YAML_TREE_H_
