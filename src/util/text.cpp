#include "util/text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <set>

namespace makerscore::detail {

namespace {

// Edit distance on bytes counting a swap of two neighbours as one edit
// (optimal string alignment), so that 'titel' is one edit from 'title'.
// Rule-file keys and ids are short, so the full table is cheap.
int EditDistance(std::string_view a, std::string_view b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

}  // namespace

std::string Suggest(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  int best_distance = 1 << 30;
  for (const auto& c : candidates) {
    int d = EditDistance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  int limit = std::max<int>(1, static_cast<int>(word.size()) / 3);
  return best_distance <= limit ? best : std::string();
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  std::string s = Suggest(word, candidates);
  return s.empty() ? std::string() : " (did you mean '" + s + "'?)";
}

namespace {

// x rounded to `digits` decimals (0 to 6) as the integer x·10^digits, when that can be decided from the
// double x·10^digits: |x| < 1e9, so the product is below 1e15 < 2^50 and within 1/16 of the exact one
// (half its unit in the last place; 10^digits is exact). Rounding it then agrees with rounding the exact
// product unless the product lies within 1/16 of a half; such products (1 in 4 at most, when |x| is near
// 1e9; about 1 in 10^7 for values near 1) are left to std::to_chars, which works on the exact binary
// value. Returns false when not decided.
bool RoundFast(double x, int digits, std::uint64_t* scaled) {
  static constexpr double kPower[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
  if (digits < 0 || digits > 6 || !(std::fabs(x) < 1e9)) return false;
  const double y = std::fabs(x) * kPower[digits];
  const double whole = std::floor(y);
  const double fraction = y - whole;  // exact
  if (std::fabs(fraction - 0.5) < 0.125) return false;
  *scaled = static_cast<std::uint64_t>(whole) + (fraction > 0.5 ? 1 : 0);
  return true;
}

}  // namespace

void AppendNumber(double x, int digits, std::string* out) {
  // Most numbers: the digits of the rounded integer, the trailing zeros of its decimals dropped. This is
  // std::to_chars' fixed notation, below, without its arbitrary-precision work: a CSV of a million
  // makerspaces has 30 million numbers (docs/decisions.md, "Writing numbers").
  if (std::uint64_t scaled = 0; RoundFast(x, digits, &scaled)) {
    char buf[32];
    char* end = std::to_chars(buf, buf + sizeof buf, scaled).ptr;
    int decimals = digits;
    while (decimals > 0 && end[-1] == '0' && end - buf > 1) --end, --decimals;  // trailing zeros
    if (scaled == 0) {                                                          // "0", never "-0"
      out->push_back('0');
      return;
    }
    if (x < 0) out->push_back('-');
    const long length = end - buf;
    if (decimals == 0) {
      out->append(buf, end);
    } else if (length > decimals) {  // 12.5
      out->append(buf, end - decimals);
      out->push_back('.');
      out->append(end - decimals, end);
    } else {  // 0.005
      out->append("0.");
      out->append(static_cast<std::size_t>(decimals - length), '0');
      out->append(buf, end);
    }
    return;
  }
  char buf[400];               // fixed notation of the largest double, with the digits
  if (std::fabs(x) >= 1e15) {  // beyond any measurement: 1e+308, not 309 digits
    out->append(buf, std::to_chars(buf, buf + sizeof buf, x).ptr);
    return;
  }
  char* end = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed, digits).ptr;
  if (digits > 0) {  // trailing zeros, then a bare '.'
    while (end[-1] == '0') --end;
    if (end[-1] == '.') --end;
  }
  if (end - buf == 2 && buf[0] == '-' && buf[1] == '0') {
    out->push_back('0');
    return;
  }
  out->append(buf, end);
}

std::string FormatNumber(double x, int digits) {
  if (std::isnan(x)) return "missing";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  std::string s;
  AppendNumber(x, digits, &s);
  return s;
}

std::string Fixed(double x, int decimals) {
  if (std::isnan(x)) return "-";
  char buf[400];
  return std::string(buf, std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed, decimals).ptr);
}

std::string ChildPath(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "/" + key;
}

std::string UniquePath(const std::string& path, std::set<std::string>* seen) {
  std::string p = path;
  for (int k = 2; !seen->insert(p).second; ++k) p = path + "(" + std::to_string(k) + ")";
  return p;
}

bool IsIdentifier(std::string_view s) {
  if (s.empty()) return false;
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!alpha(s[0])) return false;
  for (char c : s) {
    if (!alpha(c) && !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

std::string Join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

std::string ListSome(const std::vector<std::string>& items, size_t shown) {
  if (items.size() <= shown) return Join(items, ", ");
  std::vector<std::string> first(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(shown));
  return Join(first, ", ") + " and " + std::to_string(items.size() - shown) + " more";
}

}  // namespace makerscore::detail
