#include "present/svg_charts.h"

#include <algorithm>
#include <cmath>

#include "present/html_page.h"
#include "util/text.h"

namespace makerscore::detail {

namespace {

constexpr double kPi = 3.14159265358979323846;

// A coordinate with one decimal.
std::string At(double x) { return Fixed(std::round(x * 10) / 10, 1); }

// The opening tag of a chart that fills its table cell: 1000 units wide, stretched to the cell.
std::string CellSvg(const std::string& label) {
  return "<svg class=\"bar\" viewBox=\"0 0 1000 16\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"" +
         Html(label) + "\"><title>" + Html(label) + "</title>";
}

double Clamp01(double x) { return std::isnan(x) ? 0 : std::clamp(x, 0.0, 1.0); }

}  // namespace

std::string SeriesColor(int k) {
  static const char* kColors[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                  "#56B4E9", "#D55E00", "#F0E442", "#999999"};
  return kColors[k % 8];
}

std::string GradeColor(int g, int count) {
  // Best green, worst red, blue and orange between (4 grades: 优 green, 良 blue, 中 orange, 差 red).
  static const char *kGreen = "#1a9850", *kLightGreen = "#66a61e", *kBlue = "#2b83ba", *kOrange = "#e6a100",
                    *kRed = "#d7301f";
  static const std::vector<std::vector<const char*>> kByCount = {{kGreen},
                                                                 {kGreen, kRed},
                                                                 {kGreen, kOrange, kRed},
                                                                 {kGreen, kBlue, kOrange, kRed},
                                                                 {kGreen, kLightGreen, kBlue, kOrange, kRed}};
  if (g < 0 || g >= count) return "#999999";  // no grade
  if (count <= 5) return kByCount[count - 1][g];
  return g == count - 1 ? kRed : SeriesColor(g);
}

std::string BarSvg(const std::vector<Segment>& segments, double max, double marker, const std::string& label) {
  std::string out = CellSvg(label) + "<rect x=\"0\" y=\"2\" width=\"1000\" height=\"12\" fill=\"#e9eef3\"/>";
  double x = 0;
  for (const Segment& s : segments) {
    if (!(s.value > 0) || !(max > 0)) continue;
    const double w = std::min(1000 - x, 1000 * s.value / max);
    out += "<rect x=\"" + At(x) + "\" y=\"2\" width=\"" + At(w) + "\" height=\"12\" fill=\"" + s.color + "\"/>";
    x += w;
  }
  if (!std::isnan(marker) && max > 0) {
    const double m = 1000 * Clamp01(marker / max);
    out += "<line x1=\"" + At(m) + "\" x2=\"" + At(m) +
           "\" y1=\"0\" y2=\"16\" stroke=\"#1f2933\" stroke-width=\"2\" vector-effect=\"non-scaling-stroke\"/>";
  }
  return out + "</svg>";
}

std::string BoxSvg(const std::array<double, 5>& five, const std::string& label) {
  std::string out = CellSvg(label) + "<rect x=\"0\" y=\"7\" width=\"1000\" height=\"2\" fill=\"#e9eef3\"/>";
  if (std::isnan(five[2])) return out + "</svg>";
  auto x = [&](int k) { return At(1000 * Clamp01(five[k])); };
  out += "<line x1=\"" + x(0) + "\" x2=\"" + x(4) +
         "\" y1=\"8\" y2=\"8\" stroke=\"#616e7c\" stroke-width=\"1\" vector-effect=\"non-scaling-stroke\"/>";
  for (int k : {0, 4}) {
    out += "<line x1=\"" + x(k) + "\" x2=\"" + x(k) +
           "\" y1=\"4\" y2=\"12\" stroke=\"#616e7c\" stroke-width=\"1\" vector-effect=\"non-scaling-stroke\"/>";
  }
  const double q1 = 1000 * Clamp01(five[1]), q3 = 1000 * Clamp01(five[3]);
  out += "<rect x=\"" + At(q1) + "\" y=\"2\" width=\"" + At(std::max(q3 - q1, 2.0)) +
         "\" height=\"12\" fill=\"#56B4E9\" fill-opacity=\"0.6\" stroke=\"#0072B2\" "
         "vector-effect=\"non-scaling-stroke\"/>";
  out += "<line x1=\"" + x(2) + "\" x2=\"" + x(2) +
         "\" y1=\"1\" y2=\"15\" stroke=\"#1f2933\" stroke-width=\"2\" vector-effect=\"non-scaling-stroke\"/>";
  return out + "</svg>";
}

std::string RadarSvg(const std::string& id, const std::vector<std::string>& axes, const std::vector<double>& values,
                     const std::vector<double>& reference, const std::string& values_name,
                     const std::string& reference_name) {
  const int n = static_cast<int>(axes.size());
  const double cx = 200, cy = 185, r = 120;
  auto point = [&](int k, double share) {
    const double a = -kPi / 2 + 2 * kPi * k / n;
    return std::make_pair(cx + r * share * std::cos(a), cy + r * share * std::sin(a));
  };
  auto polygon = [&](const std::vector<double>& shares) {
    std::string pts;
    for (int k = 0; k < n; ++k) {
      auto [x, y] = point(k, Clamp01(shares[k]));
      pts += (k ? " " : "") + At(x) + "," + At(y);
    }
    return pts;
  };
  std::string label = values_name + " / " + reference_name + ": ";
  for (int k = 0; k < n; ++k) {
    label += (k ? "; " : "") + axes[k] + " " + Fixed(100 * values[k], 0) + "% / " + Fixed(100 * reference[k], 0) + "%";
  }
  std::string out = "<svg id=\"" + Html(id) + "\" class=\"radar\" viewBox=\"0 0 400 390\" role=\"img\" aria-label=\"" +
                    Html(label) + "\"><title>" + Html(label) + "</title>";
  for (double ring : {0.25, 0.5, 0.75, 1.0}) {
    std::vector<double> shares(n, ring);
    out += "<polygon points=\"" + polygon(shares) + "\" fill=\"none\" stroke=\"#d9e2ec\"/>";
  }
  for (int k = 0; k < n; ++k) {
    auto [x, y] = point(k, 1);
    out += "<line x1=\"" + At(cx) + "\" y1=\"" + At(cy) + "\" x2=\"" + At(x) + "\" y2=\"" + At(y) +
           "\" stroke=\"#d9e2ec\"/>";
    auto [lx, ly] = point(k, 1.16);
    const char* anchor = std::fabs(lx - cx) < 1 ? "middle" : lx > cx ? "start" : "end";
    out += "<text x=\"" + At(lx) + "\" y=\"" + At(ly + 4) + "\" text-anchor=\"" + anchor +
           "\" font-size=\"13\" fill=\"#1f2933\">" + Html(axes[k]) + "</text>";
  }
  out += "<polygon points=\"" + polygon(reference) +
         "\" fill=\"none\" stroke=\"#616e7c\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/>";
  out += "<polygon points=\"" + polygon(values) +
         "\" fill=\"#0072B2\" fill-opacity=\"0.25\" stroke=\"#0072B2\" stroke-width=\"2\"/>";
  out +=
      "<rect x=\"110\" y=\"346\" width=\"22\" height=\"10\" fill=\"#0072B2\" fill-opacity=\"0.5\"/>"
      "<text x=\"140\" y=\"355\" font-size=\"12\">" +
      Html(values_name) +
      "</text>"
      "<line x1=\"110\" y1=\"375\" x2=\"132\" y2=\"375\" stroke=\"#616e7c\" stroke-dasharray=\"5 4\"/>"
      "<text x=\"140\" y=\"379\" font-size=\"12\">" +
      Html(reference_name) + "</text>";
  return out + "</svg>";
}

std::string RangeSvg(double low, double high, double mid, double n, const std::string& label) {
  std::string out = CellSvg(label) + "<rect x=\"0\" y=\"6\" width=\"1000\" height=\"4\" fill=\"#e9eef3\"/>";
  if (std::isnan(low) || std::isnan(high) || !(n > 1)) return out + "</svg>";
  auto x = [&](double rank) { return 1000 * Clamp01((rank - 1) / (n - 1)); };
  out += "<rect x=\"" + At(x(low)) + "\" y=\"3\" width=\"" + At(std::max(x(high) - x(low), 4.0)) +
         "\" height=\"10\" rx=\"3\" fill=\"#56B4E9\"/>";
  if (!std::isnan(mid)) {
    out += "<line x1=\"" + At(x(mid)) + "\" x2=\"" + At(x(mid)) +
           "\" y1=\"0\" y2=\"16\" stroke=\"#1f2933\" stroke-width=\"3\" vector-effect=\"non-scaling-stroke\"/>";
  }
  return out + "</svg>";
}

std::string SlopeSvg(const std::string& id, const std::vector<Move>& moves, int last_n, int now_n,
                     const std::string& label) {
  // Rows of 13 units; the axes at x = 40 (last year) and x = 240 (this year), names to the right.
  const int rows = std::max({last_n, now_n, 1});
  const double top = 26, step = 13, left = 40, right = 240;
  const double height = top + step * rows + 10;
  auto y = [&](int rank) { return top + step * (rank - 0.5); };
  std::string out = "<svg id=\"" + Html(id) + "\" class=\"slope\" viewBox=\"0 0 600 " + At(height) +
                    "\" role=\"img\" aria-label=\"" + Html(label) + "\"><title>" + Html(label) + "</title>";
  out += "<text x=\"" + At(left) +
         "\" y=\"16\" text-anchor=\"middle\" font-size=\"12\" fill=\"#616e7c\">上年名次</text>"
         "<text x=\"" +
         At(right) + "\" y=\"16\" text-anchor=\"middle\" font-size=\"12\" fill=\"#616e7c\">本年名次</text>";
  for (double x : {left, right}) {
    out += "<line x1=\"" + At(x) + "\" x2=\"" + At(x) + "\" y1=\"" + At(top) + "\" y2=\"" + At(top + step * rows) +
           "\" stroke=\"#d9e2ec\"/>";
  }
  for (const Move& m : moves) {
    if (m.now <= 0) continue;
    const std::string color = m.last <= 0      ? "#0072B2"
                              : m.last > m.now ? "#1a9850"
                              : m.last < m.now ? "#d7301f"
                                               : "#999999";
    if (m.last > 0) {
      out += "<line x1=\"" + At(left) + "\" y1=\"" + At(y(m.last)) + "\" x2=\"" + At(right) + "\" y2=\"" +
             At(y(m.now)) + "\" stroke=\"" + color + "\" stroke-width=\"1.5\"/>" + "<circle cx=\"" + At(left) +
             "\" cy=\"" + At(y(m.last)) + "\" r=\"2.5\" fill=\"" + color + "\"/>" + "<text x=\"" + At(left - 8) +
             "\" y=\"" + At(y(m.last) + 4) + "\" text-anchor=\"end\" font-size=\"11\" fill=\"#616e7c\">" +
             std::to_string(m.last) + "</text>";
    }
    out += "<circle cx=\"" + At(right) + "\" cy=\"" + At(y(m.now)) + "\" r=\"2.5\" fill=\"" + color + "\"/>" +
           "<text x=\"" + At(right + 8) + "\" y=\"" + At(y(m.now) + 4) + "\" font-size=\"11\" fill=\"#1f2933\">" +
           std::to_string(m.now) + " " + Html(m.name) + "</text>";
  }
  return out + "</svg>";
}

}  // namespace makerscore::detail
