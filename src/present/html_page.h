// The frame of an HTML report page and escaping text for it (internal).
#ifndef MAKERSCORE_SRC_PRESENT_HTML_PAGE_H_
#define MAKERSCORE_SRC_PRESENT_HTML_PAGE_H_

#include <string>
#include <string_view>

namespace makerscore::detail {

// text with & < > " ' escaped, for HTML text and attribute values.
std::string Html(std::string_view text);

// The tag in the head of every page makerscore writes, by which a folder of
// an earlier report is told from a folder of other files.
inline constexpr const char* kGeneratorMarker = "<meta name=\"generator\" content=\"makerscore\"/>";

// A complete, self-contained page: the document head (UTF-8, a viewport for
// phones, the report's style sheet with its A4 print rules) around body.
// lang is the page's language ("zh-CN").
std::string HtmlPage(const std::string& title, const std::string& body, const std::string& lang = "zh-CN");

// A label in the report's two languages: "排名 Rank" as
// <span lang="zh">排名</span> <span class="en">Rank</span>.
std::string Label(std::string_view chinese, std::string_view english);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_PRESENT_HTML_PAGE_H_
