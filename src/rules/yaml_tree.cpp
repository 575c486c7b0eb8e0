// YamlDocument::Parse: parser events into a YamlDocument, as yaml-cpp's own NodeBuilder makes its tree.
// The events come from libfyaml when the text is plain enough (rules/yaml_fast_parse.h), else from
// yaml-cpp's parser.
#include "rules/yaml_tree.h"

#include <yaml-cpp/eventhandler.h>

#include <istream>
#include <streambuf>
#include <utility>

#include "rules/yaml_fast_parse.h"

namespace makerscore::detail {

namespace {

const std::string& EmptyText() {
  static const std::string empty;
  return empty;
}

// The text as a stream, without a copy (std::istringstream would copy it).
class TextBuffer : public std::streambuf {
 public:
  explicit TextBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());  // read only: the get area is never written
    setg(begin, begin, begin + text.size());
  }
};

}  // namespace

const std::string& YamlNode::Scalar() const { return IsScalar() ? data_->scalar : EmptyText(); }

const std::string& YamlNode::Tag() const { return data_ != nullptr ? data_->tag : EmptyText(); }

std::size_t YamlNode::size() const {
  if (IsSequence()) return data_->items.size();
  if (IsMap()) return data_->items.size() / 2;
  return 0;
}

YamlNode YamlNode::operator[](std::size_t i) const {
  if (!IsSequence() || i >= data_->items.size()) return YamlNode();
  return YamlNode(data_->items[i]);
}

YamlNode YamlNode::operator[](std::string_view key) const {
  if (!IsMap()) return YamlNode();
  const std::vector<const YamlData*>& items = data_->items;
  for (std::size_t k = 0; k + 1 < items.size(); k += 2) {
    if (items[k]->kind == YamlData::kScalar && items[k]->scalar == key) return YamlNode(items[k + 1]);
  }
  return YamlNode();
}

YamlItem YamlIterator::operator*() const {
  YamlItem item;
  if (data_->kind == YamlData::kMap) {
    item.first = YamlNode(data_->items[at_]);
    item.second = YamlNode(data_->items[at_ + 1]);
  } else {
    static_cast<YamlNode&>(item) = YamlNode(data_->items[at_]);
  }
  return item;
}

YamlIterator YamlNode::begin() const { return YamlIterator(data_, 0); }

YamlIterator YamlNode::end() const { return YamlIterator(data_, IsSequence() || IsMap() ? data_->items.size() : 0); }

// The tree from the parser's events. A node is added to its parent when it ends, as NodeBuilder does, so
// that an alias inside the node its anchor names (&a [*a]) is the node itself, as in yaml-cpp.
class YamlTreeBuilder : public YAML::EventHandler {
 public:
  explicit YamlTreeBuilder(YamlDocument* document) : document_(document) {
    anchors_.push_back(nullptr);  // anchors count from 1
  }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    New(mark, anchor);
    End();
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    // The parser refuses an unknown anchor before it gets here; should one come, refuse it too.
    if (anchor == 0 || anchor >= anchors_.size()) throw YAML::ParserException(mark, "unknown anchor");
    stack_.push_back(anchors_[anchor]);
    End();
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    YamlData* node = New(mark, anchor);
    node->kind = YamlData::kScalar;
    node->scalar = value;
    node->tag = tag;
    End();
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    Collection(mark, tag, anchor, style, YamlData::kSequence);
  }
  void OnSequenceEnd() override { End(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    Collection(mark, tag, anchor, style, YamlData::kMap);
  }
  void OnMapEnd() override { End(); }

 private:
  YamlData* New(const YAML::Mark& mark, YAML::anchor_t anchor) {
    YamlData* node = &document_->nodes_.emplace_back();
    node->mark = mark;
    if (anchor != 0) anchors_.push_back(node);  // the parser numbers anchors in order
    stack_.push_back(node);
    return node;
  }
  void Collection(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style, YamlData::Kind kind) {
    YamlData* node = New(mark, anchor);
    node->kind = kind;
    node->tag = tag;
    node->style = style;
  }
  // The node on top is complete: it becomes the root or its parent's next item (a map's key or value).
  void End() {
    YamlData* node = stack_.back();
    stack_.pop_back();
    if (stack_.empty()) {
      document_->root_ = node;
    } else {
      stack_.back()->items.push_back(node);
    }
  }

  YamlDocument* document_;
  std::vector<YamlData*> stack_;    // the collections open, then the node being read
  std::vector<YamlData*> anchors_;  // by the parser's anchor number
};

YamlDocument YamlDocument::Parse(std::string_view text) {
  {
    YamlDocument document;
    YamlTreeBuilder builder(&document);
    if (ParseFirstDocumentFast(text, &builder)) return document;
  }
  YamlDocument document;  // again, from the start: yaml-cpp's tree, or its message
  TextBuffer buffer(text);
  std::istream in(&buffer);
  YAML::Parser parser(in);
  YamlTreeBuilder builder(&document);
  parser.HandleNextDocument(builder);
  return document;
}

}  // namespace makerscore::detail
