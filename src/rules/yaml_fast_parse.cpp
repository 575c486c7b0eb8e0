// ParseFirstDocumentFast: libfyaml's parser events handed to a yaml-cpp event handler, as yaml-cpp's own
// parser would hand them, for the plain YAML rule files are written in. yaml-cpp's scanner takes about
// 100 ns a byte; libfyaml about a quarter of that (docs/decisions.md, "Loading: libfyaml first").
//
// Only what both parsers were seen to read alike is read here. Anything else (an error of any kind, a
// tag, an anchor, a directive, a control character, and each construct where the two were found to
// differ, listed where it is checked) returns false, and the caller parses the text again with yaml-cpp,
// whose tree or message is then the answer. yaml_fast_parse_test compares the events of the two parsers,
// and the fuzz target fuzz_yaml does so on whatever libFuzzer makes.
#include "rules/yaml_fast_parse.h"

#include <libfyaml.h>
#include <yaml-cpp/mark.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "util/unicode.h"

namespace makerscore::detail {

namespace {

// Collections open at most, on the fast path: deeper texts are left to yaml-cpp (rule files nest about 6).
constexpr std::size_t kMaxDepth = 32;

// What the fast path leaves to yaml-cpp, found in the text itself:
// - control characters, tabs and carriage returns among them (yaml-cpp counts lines by '\n' alone, and
//   refuses control characters libfyaml reads);
// - a line that starts with '%' (a directive);
// - a '?' before a space or a line break: an explicit key, whose empty value yaml-cpp places at the map's
//   start (a few plain scalars go the slow way too);
// - UTF-16 or UTF-32, a byte-order mark, Unicode's own line breaks (NEL, LS, PS), and bytes that are not
//   UTF-8 (libfyaml can stop at a bad byte as if the text ended there).
// Tags, anchors and aliases are seen in the events.
bool PlainEnough(std::string_view text) {
  for (const char c : text) {  // no control character but the line break ('\0', tab, '\r' among them)
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\n') || c == '\x7F') return false;
  }
  if (!text.empty() && text[0] == '%') return false;
  if (text.find("\n%") != std::string_view::npos) return false;
  if (text.find("? ") != std::string_view::npos || text.find("?\n") != std::string_view::npos ||
      (!text.empty() && text.back() == '?'))
    return false;
  if (text.size() >= 2 && static_cast<unsigned char>(text[0]) >= 0xFE) return false;  // UTF-16 or UTF-32
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") return false;          // a UTF-8 byte-order mark
  if (text.find("\xC2\x85") != std::string_view::npos) return false;                  // NEL
  if (text.find("\xE2\x80\xA8") != std::string_view::npos || text.find("\xE2\x80\xA9") != std::string_view::npos)
    return false;  // LS, PS
  return IsUtf8(text);
}

// Discards libfyaml's messages: where it stops, yaml-cpp reads the text again and words the message.
void Discard(fy_diag*, void*, const char*, size_t) {}

struct DiagDeleter {
  void operator()(fy_diag* d) const { fy_diag_destroy(d); }
};
struct ParserDeleter {
  void operator()(fy_parser* p) const { fy_parser_destroy(p); }
};

// Positions as yaml-cpp counts them: pos and column in bytes, a line at each '\n'. Events come in the
// order of the text, so the count moves forward from the last position asked for.
class LineCounter {
 public:
  explicit LineCounter(std::string_view text) : text_(text) {}
  YAML::Mark At(std::size_t pos) {
    if (pos < pos_) *this = LineCounter(text_);  // never expected; counted again from the start
    if (pos > text_.size()) pos = text_.size();
    for (; pos_ < pos; ++pos_) {
      if (text_[pos_] == '\n') {
        ++line_;
        line_start_ = pos_ + 1;
      }
    }
    YAML::Mark mark;
    mark.pos = static_cast<int>(pos);
    mark.line = line_;
    mark.column = static_cast<int>(pos - line_start_);
    return mark;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0, line_start_ = 0;
  int line_ = 0;
};

// yaml-cpp's null scalars: a plain, untagged "~", "null", "Null" or "NULL" (or nothing at all).
bool IsNullText(std::string_view s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }

class Translator {
 public:
  Translator(std::string_view text, YAML::EventHandler* handler) : text_(text), lines_(text), handler_(handler) {}

  // Hands over the events of the first document; false where the fast path does not answer.
  bool Run(fy_parser* parser) {
    bool in_document = false;
    for (;;) {
      fy_event* event = fy_parser_parse(parser);
      if (event == nullptr) return false;  // an error, or the stream ended without its end event
      const std::unique_ptr<fy_event, EventFree> owned(event, EventFree{parser});
      switch (event->type) {
        case FYET_STREAM_START:
          break;
        case FYET_STREAM_END:  // no document at all ("" or "...", which yaml-cpp reads as a null)
          return false;
        case FYET_DOCUMENT_START: {
          fy_document_state* state = event->document_start.document_state;
          if (in_document || state == nullptr || fy_document_state_version_explicit(state) ||
              fy_document_state_tags_explicit(state))
            return false;
          in_document = true;
          Passed(event->document_start.document_start);
          handler_->OnDocumentStart(YAML::Mark());
          break;
        }
        case FYET_DOCUMENT_END:
          if (!in_document || !opens_.empty() || !nodes_) return false;
          handler_->OnDocumentEnd();
          return Clean(parser);
        case FYET_SCALAR:
          if (!Scalar(event->scalar)) return false;
          break;
        case FYET_SEQUENCE_START:
        case FYET_MAPPING_START:
          if (!Start(event)) return false;
          break;
        case FYET_SEQUENCE_END:
          if (!End(event->sequence_end.sequence_end)) return false;
          handler_->OnSequenceEnd();
          break;
        case FYET_MAPPING_END:
          if (!End(event->mapping_end.mapping_end)) return false;
          handler_->OnMapEnd();
          break;
        default:  // an alias, or anything new
          return false;
      }
    }
  }

 private:
  struct EventFree {
    fy_parser* parser;
    void operator()(fy_event* e) const { fy_parser_event_free(parser, e); }
  };

  // After the first document, which is all YAML::Load reads: the end of the text or another document.
  // libfyaml ends a document whose text goes on where yaml-cpp may refuse that text ("a\n\n: b").
  static bool Clean(fy_parser* parser) {
    fy_event* event = fy_parser_parse(parser);
    if (event == nullptr) return false;
    const bool clean = event->type == FYET_STREAM_END || event->type == FYET_DOCUMENT_START;
    fy_parser_event_free(parser, event);
    return clean;
  }

  // Where a token begins, as yaml-cpp counts; false when it has no position.
  bool MarkOf(fy_token* token, YAML::Mark* mark) {
    const fy_mark* m = token != nullptr ? fy_token_start_mark(token) : nullptr;
    if (m == nullptr) return false;
    *mark = lines_.At(m->input_pos);
    return true;
  }

  // The text up to the end of token has been read.
  void Passed(fy_token* token) {
    const fy_mark* end = token != nullptr ? fy_token_end_mark(token) : nullptr;
    if (end != nullptr && end->input_pos > read_) read_ = end->input_pos;
  }

  // Where a block scalar's indicator ('|' or '>') is: the first thing after the tokens read but the
  // indicators ':', '-', '?', spaces, line breaks and comments. npos when anything else comes first.
  std::size_t BlockIndicator(std::size_t content) const {
    std::size_t i = read_;
    while (i < content && i < text_.size()) {
      const char c = text_[i];
      if (c == '|' || c == '>') return i;
      if (c == '#') {
        while (i < content && text_[i] != '\n') ++i;
      } else if (c == ' ' || c == '\n' || c == ':' || c == '-' || c == '?') {
        ++i;
      } else {
        break;
      }
    }
    return std::string_view::npos;
  }

  // A scalar's text into scalar_, from libfyaml's chunks: fy_token_get_text, which assembles the same
  // chunks, hands back memory it never wrote for some block scalars, and loses a buffer for others.
  bool TextOf(fy_token* token) {
    scalar_.clear();
    fy_token_iter* iter = fy_token_iter_create(token);
    if (iter == nullptr) return false;
    int error = 0;
    for (const fy_iter_chunk* chunk = fy_token_iter_chunk_next(iter, nullptr, &error); chunk != nullptr;
         chunk = fy_token_iter_chunk_next(iter, chunk, &error)) {
      scalar_.append(chunk->str, chunk->len);
    }
    fy_token_iter_destroy(iter);
    return error == 0;
  }

  // Counts a node in; true when it is a map's key.
  bool NewNode() {
    ++nodes_;
    if (opens_.empty()) return false;
    Open& parent = opens_.back();
    return parent.map && parent.children++ % 2 == 0;
  }

  // An empty node, yaml-cpp's null, whose position is that of yaml-cpp's next token: the first character
  // after the tokens read but spaces, line breaks, comments and the one indicator (':' or '-') that
  // introduces the empty node, which counts as read. In a flow collection yaml-cpp places the null
  // elsewhere (at the ',' before), and an empty key at the ':' after it, so those are left to yaml-cpp.
  bool EmptyNode(bool key) {
    if (flow_depth_ > 0 || key) return false;
    std::size_t i = read_;
    bool indicator = false;
    while (i < text_.size()) {
      const char c = text_[i];
      if (c == '#') {
        while (i < text_.size() && text_[i] != '\n') ++i;
      } else if (c == ' ' || c == '\n') {
        ++i;
      } else if ((c == ':' || c == '-') && !indicator) {
        indicator = true;
        read_ = ++i;
      } else {
        break;
      }
    }
    // at the end of the text, yaml-cpp's column depends on how its scanner got there: left to it
    if (i >= text_.size()) return false;
    handler_->OnNull(lines_.At(i), YAML::NullAnchor);
    return true;
  }

  bool Scalar(const fy_event_scalar_data& s) {
    // a scalar or an empty node as the whole document: the parsers differ on what may follow a root
    // scalar and where an empty document's null is; a rule file is a map
    if (s.anchor != nullptr || s.tag != nullptr || opens_.empty()) return false;
    const bool key = NewNode();
    if (s.value == nullptr) return EmptyNode(key);
    const fy_mark* start = fy_token_start_mark(s.value);
    const fy_mark* end = fy_token_end_mark(s.value);
    if (start == nullptr || end == nullptr || end->input_pos < start->input_pos) return false;
    if (!TextOf(s.value)) return false;
    const std::string_view value(scalar_);
    const std::size_t length = value.size();
    // no scalar of a plain text holds a NUL (libfyaml gives some empty block scalars one, see below)
    if (value.find('\0') != std::string_view::npos) return false;
    const fy_scalar_style style = fy_token_scalar_style(s.value);
    if (style == FYSS_PLAIN && length == 0) return EmptyNode(key);
    // yaml-cpp's position of a node: a quoted scalar's opening quote, a block scalar's indicator.
    std::size_t at = start->input_pos;
    if (style == FYSS_SINGLE_QUOTED || style == FYSS_DOUBLE_QUOTED) {
      if (at == 0 || text_[at - 1] != (style == FYSS_SINGLE_QUOTED ? '\'' : '"')) return false;
      --at;
      // over more than one line, the two fold the lines of some quoted scalars differently
      if (text_.substr(at, end->input_pos - at).find('\n') != std::string_view::npos) return false;
      // yaml-cpp writes the escapes \N and \_ as one byte each (0x85, 0xA0), not as UTF-8, and the two
      // read runs of '' in single quotes differently ('  '): yaml-cpp's reading stands
      const std::string_view source = text_.substr(start->input_pos, end->input_pos - start->input_pos);
      if (style == FYSS_SINGLE_QUOTED && source.find("''") != std::string_view::npos) return false;
      if (style == FYSS_DOUBLE_QUOTED &&
          (source.find("\\N") != std::string_view::npos || source.find("\\_") != std::string_view::npos))
        return false;
    } else if (style == FYSS_LITERAL || style == FYSS_FOLDED) {
      at = BlockIndicator(at);
      if (at == std::string_view::npos) return false;
      // yaml-cpp refuses some block scalars whose lines begin with '#' (less indented than the rest), and
      // ends one that runs to the end of a text without a last line break otherwise than libfyaml does
      if (text_.back() != '\n') return false;
      // nor one with an indentation indicator (">1-") or kept final line breaks ("|+"), where the two
      // count the indentation and the line breaks at the end differently
      for (std::size_t i = at + 1; i < text_.size() && text_[i] != '\n' && text_[i] != ' '; ++i) {
        if ((text_[i] >= '0' && text_[i] <= '9') || text_[i] == '+') return false;
      }
      const std::string_view source = text_.substr(start->input_pos, end->input_pos - start->input_pos);
      // nor an empty one: libfyaml's text of it is memory it never wrote (a "\0" or anything else)
      if (source.find_first_not_of(" \n") == std::string_view::npos) return false;
      // and its lines are indented past the collection it is in (libfyaml reads lines at the key's column),
      // none of them spaces alone (kept or dropped otherwise by the two)
      // In a folded scalar, no line indented more than the first after an empty line: libfyaml keeps one
      // line break fewer there than YAML (and yaml-cpp) keep.
      const int outer = opens_.back().column;
      std::size_t base = std::string_view::npos;  // the first line's indentation
      bool after_empty = false;
      for (std::size_t line = 0; line < source.size();) {
        const std::size_t first = source.find_first_not_of(' ', line);
        if (first == std::string_view::npos) break;  // the next line's indentation
        const bool empty = source[first] == '\n';
        if (empty && first > line) return false;
        if (!empty) {
          if (source[first] == '#' || static_cast<int>(first - line) <= outer) return false;
          if (base == std::string_view::npos) base = first - line;
          if (style == FYSS_FOLDED && after_empty && first - line > base) return false;
        }
        after_empty = empty;
        const std::size_t next = source.find('\n', line);
        line = next == std::string_view::npos ? source.size() : next + 1;
      }
    } else if (style == FYSS_PLAIN) {
      // yaml-cpp refuses a '?' inside a plain scalar of a flow collection ({scale?: x}), which YAML allows
      if (flow_depth_ > 0 && value.find('?') != std::string_view::npos) return false;
    } else {
      return false;
    }
    read_ = end->input_pos;
    if (style == FYSS_SINGLE_QUOTED || style == FYSS_DOUBLE_QUOTED) {  // libfyaml's end is at the closing quote
      if (read_ >= text_.size() || text_[read_] != text_[at]) return false;
      ++read_;
    }
    // a key is one line and its ':' follows on that line (libfyaml reads keys that run over lines)
    if (key && (text_.substr(at, read_ - at).find('\n') != std::string_view::npos || !ColonFollows(read_)))
      return false;
    // YAML limits a key without '?' to 1024 characters, which yaml-cpp enforces and libfyaml does not
    if (key && read_ - at > 512) return false;
    const YAML::Mark mark = lines_.At(at);
    // a value or an item of a block collection is to the right of the collection (libfyaml reads a value
    // at the key's column on the next line)
    if (!key && !opens_.empty() && !opens_.back().flow && mark.column <= opens_.back().column) return false;
    if (style == FYSS_PLAIN && IsNullText(value)) {
      handler_->OnNull(mark, YAML::NullAnchor);
    } else {
      handler_->OnScalar(mark, style == FYSS_PLAIN ? "?" : "!", YAML::NullAnchor, scalar_);
    }
    return true;
  }

  bool Start(fy_event* event) {
    const bool map = event->type == FYET_MAPPING_START;
    fy_token* anchor = map ? event->mapping_start.anchor : event->sequence_start.anchor;
    fy_token* tag = map ? event->mapping_start.tag : event->sequence_start.tag;
    fy_token* start = map ? event->mapping_start.mapping_start : event->sequence_start.sequence_start;
    if (anchor != nullptr || tag != nullptr || start == nullptr) return false;
    if (NewNode()) return false;  // a collection as a key
    YAML::Mark mark;
    if (!MarkOf(start, &mark)) return false;
    const std::size_t at_start = static_cast<std::size_t>(mark.pos);
    Passed(start);
    const fy_token_type type = fy_token_get_type(start);
    const bool flow = type == FYTT_FLOW_MAPPING_START || type == FYTT_FLOW_SEQUENCE_START;
    // a pair inside a flow sequence ([a: b]) is a map yaml-cpp places elsewhere; a block collection must
    // begin its line, or follow "- " (libfyaml reads "a: : b", which yaml-cpp refuses)
    if (!flow && (flow_depth_ > 0 || !BeginsLine(at_start))) return false;
    if (flow && text_[at_start] != (map ? '{' : '[')) return false;
    // inside a block collection, to its right (a sequence may stand at its key's column): libfyaml reads
    // collections at the left edge that yaml-cpp does not
    if (!opens_.empty() && !opens_.back().flow) {
      const Open& parent = opens_.back();
      const bool indentless = !flow && !map && parent.map;
      if (mark.column < parent.column + (indentless ? 0 : 1)) return false;
    }
    if (opens_.size() >= kMaxDepth) return false;  // yaml-cpp and libfyaml stop at different depths
    if (flow && flow_depth_ == 0) flow_start_ = at_start;
    opens_.push_back({flow, map, 0, mark.column});
    flow_depth_ += flow;
    const YAML::EmitterStyle::value style = flow ? YAML::EmitterStyle::Flow : YAML::EmitterStyle::Block;
    if (map) {
      handler_->OnMapStart(mark, "?", YAML::NullAnchor, style);
    } else {
      handler_->OnSequenceStart(mark, "?", YAML::NullAnchor, style);
    }
    return true;
  }

  // Whether ':' comes at pos, after spaces only.
  bool ColonFollows(std::size_t pos) const {
    while (pos < text_.size() && text_[pos] == ' ') ++pos;
    return pos < text_.size() && text_[pos] == ':';
  }

  // Whether only spaces and sequence entries ("- ") come before pos on its line.
  bool BeginsLine(std::size_t pos) const {
    std::size_t i = pos;
    while (i > 0 && text_[i - 1] != '\n') {
      const char c = text_[i - 1];
      if (c == ' ' || (c == '-' && i < pos && text_[i] == ' ')) {
        --i;
      } else {
        return false;
      }
    }
    return true;
  }

  // Whether every ':' from begin to end is followed by a space or a line break: libfyaml reads a flow
  // collection's "key:[...]", which yaml-cpp refuses. Colons inside scalars count too (a few flow
  // collections go the slow way for nothing).
  bool FlowColonsSpaced(std::size_t begin, std::size_t end) const {
    for (std::size_t i = text_.find(':', begin); i < end && i != std::string_view::npos; i = text_.find(':', i + 1)) {
      if (i + 1 < text_.size() && text_[i + 1] != ' ' && text_[i + 1] != '\n') return false;
    }
    return true;
  }

  // Whether every line a flow collection runs on to, from begin to end, is indented more than the line it
  // starts on (an empty line aside): libfyaml reads a flow collection whose lines come back to the left
  // edge, which yaml-cpp refuses.
  bool FlowLinesIndented(std::size_t begin, std::size_t end) const {
    const std::size_t line_start =
        text_.rfind('\n', begin) == std::string_view::npos ? 0 : text_.rfind('\n', begin) + 1;
    const std::size_t indent = text_.find_first_not_of(' ', line_start) - line_start;
    for (std::size_t i = text_.find('\n', begin); i < end && i != std::string_view::npos; i = text_.find('\n', i + 1)) {
      const std::size_t first = text_.find_first_not_of(' ', i + 1);
      if (first == std::string_view::npos) return false;
      if (text_[first] == '\n') continue;  // an empty line
      if (first - (i + 1) <= indent) return false;
    }
    return true;
  }

  bool End(fy_token* end) {
    if (opens_.empty()) return false;
    const bool outermost_flow = opens_.back().flow && flow_depth_ == 1;
    flow_depth_ -= opens_.back().flow;
    opens_.pop_back();
    Passed(end);
    if (outermost_flow && (!FlowLinesIndented(flow_start_, read_) || !FlowColonsSpaced(flow_start_, read_)))
      return false;
    return true;
  }

  std::string_view text_;
  LineCounter lines_;
  YAML::EventHandler* handler_;
  std::size_t read_ = 0;  // the end of the last token handed over
  std::string scalar_;    // the text of the scalar being read
  struct Open {
    bool flow, map;
    int children;
    int column;  // where it begins
  };
  std::vector<Open> opens_;     // the collections open, outermost first
  int flow_depth_ = 0;          // how many of them are
  std::size_t flow_start_ = 0;  // where the outermost flow collection open begins
  int nodes_ = 0;
};

}  // namespace

bool ParseFirstDocumentFast(std::string_view text, YAML::EventHandler* handler) {
  if (!PlainEnough(text)) return false;
  fy_diag_cfg diag_config;
  fy_diag_cfg_default(&diag_config);
  diag_config.fp = nullptr;
  diag_config.output_fn = Discard;
  const std::unique_ptr<fy_diag, DiagDeleter> diag(fy_diag_create(&diag_config));
  if (diag == nullptr) return false;
  fy_parse_cfg config{};
  config.diag = diag.get();
  config.flags = static_cast<fy_parse_cfg_flags>(FYPCF_QUIET | FYPCF_DEFAULT_VERSION_1_2 | FYPCF_JSON_NONE |
                                                 FYPCF_DISABLE_MMAP_OPT);
  const std::unique_ptr<fy_parser, ParserDeleter> parser(fy_parser_create(&config));
  if (parser == nullptr) return false;
  if (fy_parser_set_string(parser.get(), text.data(), text.size()) != 0) return false;
  Translator translator(text, handler);
  return translator.Run(parser.get()) && !fy_parser_get_stream_error(parser.get());
}

}  // namespace makerscore::detail
