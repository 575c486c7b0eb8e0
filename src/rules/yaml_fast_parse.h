// The fast way into a rule file's YAML tree (internal): libfyaml's parser, its events translated into
// the events yaml-cpp's parser gives, for the plain YAML rule files are written in.
#ifndef MAKERSCORE_SRC_RULES_YAML_FAST_PARSE_H_
#define MAKERSCORE_SRC_RULES_YAML_FAST_PARSE_H_

#include <yaml-cpp/eventhandler.h>

#include <string_view>

namespace makerscore::detail {

// Hands the first document of text to handler as yaml-cpp's parser would (the same nodes, scalars,
// nulls, tags, styles and positions) and returns true; or returns false, with handler fed part of the
// way, when the text holds anything the fast path leaves to yaml-cpp (a tag, an anchor, a directive, a
// tab, a carriage return, a byte-order mark ...) or anything libfyaml does not read: the caller then
// starts again with yaml-cpp, whose answer, tree or message, stands.
bool ParseFirstDocumentFast(std::string_view text, YAML::EventHandler* handler);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_RULES_YAML_FAST_PARSE_H_
