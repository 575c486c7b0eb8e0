// The fast way into the YAML tree (src/rules/yaml_fast_parse.h) against yaml-cpp's own parser, event
// for event: shared by yaml_fast_parse_test and the fuzz target fuzz_yaml.
#ifndef MAKERSCORE_TESTS_YAML_EVENTS_H_
#define MAKERSCORE_TESTS_YAML_EVENTS_H_

#include <yaml-cpp/yaml.h>

#include <sstream>
#include <string>
#include <vector>

#include "rules/yaml_fast_parse.h"

namespace makerscore::detail {

// Every event, written out in one line each.
class Recorder : public YAML::EventHandler {
 public:
  std::vector<std::string> events;

  void OnDocumentStart(const YAML::Mark&) override { events.push_back("document"); }
  void OnDocumentEnd() override { events.push_back("end of document"); }
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    events.push_back("null " + At(mark) + Anchor(anchor));
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    events.push_back("alias " + At(mark) + Anchor(anchor));
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    events.push_back("scalar " + At(mark) + " tag " + tag + Anchor(anchor) + " '" + value + "'");
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    events.push_back("sequence " + At(mark) + " tag " + tag + Anchor(anchor) + Style(style));
  }
  void OnSequenceEnd() override { events.push_back("end of sequence"); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    events.push_back("map " + At(mark) + " tag " + tag + Anchor(anchor) + Style(style));
  }
  void OnMapEnd() override { events.push_back("end of map"); }

 private:
  static std::string At(const YAML::Mark& m) {
    return "at " + std::to_string(m.pos) + " (" + std::to_string(m.line) + ":" + std::to_string(m.column) + ")";
  }
  static std::string Anchor(YAML::anchor_t a) { return a == 0 ? "" : " anchor " + std::to_string(a); }
  static std::string Style(YAML::EmitterStyle::value s) { return s == YAML::EmitterStyle::Flow ? " flow" : " block"; }
};

enum class Outcome { kFastAgrees, kLeftToYamlCpp, kDiffers };

// Reads text both ways; on a difference, *why says what it is.
inline Outcome Compare(const std::string& text, std::string* why) {
  Recorder fast;
  if (!ParseFirstDocumentFast(text, &fast)) return Outcome::kLeftToYamlCpp;
  Recorder theirs;
  try {
    std::istringstream in(text);
    YAML::Parser parser(in);
    parser.HandleNextDocument(theirs);
  } catch (const YAML::Exception& e) {
    *why = std::string("yaml-cpp refuses what the fast path read: ") + e.what();
    return Outcome::kDiffers;
  }
  if (fast.events == theirs.events) return Outcome::kFastAgrees;
  std::size_t i = 0;
  while (i < fast.events.size() && i < theirs.events.size() && fast.events[i] == theirs.events[i]) ++i;
  *why = "event " + std::to_string(i) + ": yaml-cpp '" + (i < theirs.events.size() ? theirs.events[i] : "none") +
         "', fast '" + (i < fast.events.size() ? fast.events[i] : "none") + "'";
  return Outcome::kDiffers;
}

}  // namespace makerscore::detail

#endif  // MAKERSCORE_TESTS_YAML_EVENTS_H_
