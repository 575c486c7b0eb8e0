// Charts as inline SVG for the HTML reports (internal). No script: they
// print as they show, and every chart says in words what it shows
// (role="img" with an aria-label).
#ifndef MAKERSCORE_SRC_PRESENT_SVG_CHARTS_H_
#define MAKERSCORE_SRC_PRESENT_SVG_CHARTS_H_

#include <array>
#include <string>
#include <vector>

namespace makerscore::detail {

// Colour k of Okabe and Ito's palette (told apart by colour-blind readers too), cycling.
std::string SeriesColor(int k);
// The colour of grade g of count grades, best (green) to worst (red); grey
// for no grade (g outside 0 .. count - 1).
std::string GradeColor(int g, int count);

// One part of a stacked bar.
struct Segment {
  double value = 0;
  std::string color;
};

// A horizontal bar filling its table cell: segments stacked from 0 on a scale
// of 0 to max over a light track, and a dark tick at marker (NaN: none).
std::string BarSvg(const std::vector<Segment>& segments, double max, double marker, const std::string& label);

// A box plot on a scale of 0 to 1: whiskers from the minimum to the maximum,
// the box from the first to the third quartile, a line at the median.
// five = {min, q1, median, q3, max}.
std::string BoxSvg(const std::array<double, 5>& five, const std::string& label);

// A radar chart, one axis per name: values (shares in [0, 1]) as a filled
// polygon, reference as a dashed one, with a legend naming both.
std::string RadarSvg(const std::string& id, const std::vector<std::string>& axes, const std::vector<double>& values,
                     const std::vector<double>& reference, const std::string& values_name,
                     const std::string& reference_name);

// An interval from low to high with a dot at mid, on a scale of 1 to n (a
// rank interval: rank 1 at the left).
std::string RangeSvg(double low, double high, double mid, double n, const std::string& label);

// One line of a movement chart: a name, its rank last year and this year (0: not ranked that year).
struct Move {
  std::string name;
  int last = 0;
  int now = 0;
};

// A slope chart of ranks from last year (left axis, 1 to last_n) to this year
// (right axis, 1 to now_n): a line per name ranked both years, green when it
// rose, red when it fell, grey when it kept its place; a dot on the right for a
// name not ranked last year. Names (as given, e.g. with "(新)") and this year's
// rank on the right, last year's rank on the left.
std::string SlopeSvg(const std::string& id, const std::vector<Move>& moves, int last_n, int now_n,
                     const std::string& label);

}  // namespace makerscore::detail

#endif  // MAKERSCORE_SRC_PRESENT_SVG_CHARTS_H_
