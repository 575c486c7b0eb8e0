// Threshold bands: the first band a value falls in gives its score.
#include "methods/method.h"
#include "util/text.h"

namespace makerscore::detail {

namespace {

// Index of the first band x falls in, or -1. params: otherwise.
int BandOf(double x, const MethodContext& c) {
  for (size_t b = 0; b < c.bands.size(); ++b) {
    const Band& band = c.bands[b];
    if ((band.min && x >= *band.min) || (band.max && x <= *band.max)) return static_cast<int>(b);
  }
  return -1;
}

void Score(const Eigen::ArrayXd& x, const MethodContext& c, Eigen::ArrayXd* score, FlagColumn*, IndicatorStats* stats) {
  stats->low = c.params[0];
  ScoreEach(x, score, [&](Eigen::Index, double xi) {
    int b = BandOf(xi, c);
    return b < 0 ? c.params[0] : c.bands[b].score;
  });
}

std::string Explain(double x, double s, const MethodContext& c, const IndicatorStats&) {
  int b = BandOf(x, c);
  const Say say{c.chinese};
  if (b < 0) {
    return say("分档计分：" + FormatNumber(x) + " 不在任何一档，得分率 = ",
               "bands: " + FormatNumber(x) + " falls in no band, so score = ") +
           FormatNumber(s);
  }
  const Band& band = c.bands[b];
  std::string rule = band.min ? ">= " + FormatNumber(*band.min) : "<= " + FormatNumber(*band.max);
  const std::string n = std::to_string(b + 1);
  return say("分档计分：" + FormatNumber(x) + " " + rule + "（第 " + n + " 档），得分率 = ",
             "bands: " + FormatNumber(x) + " " + rule + " (band " + n + "), so score = ") +
         FormatNumber(s);
}

std::string Check(const MethodContext& c) {
  if (c.bands.empty()) return "'bands' needs at least one band";
  for (size_t b = 0; b < c.bands.size(); ++b) {
    const Band& band = c.bands[b];
    std::string which = "band " + std::to_string(b + 1);
    if (band.min.has_value() == band.max.has_value()) return which + " needs either 'min' or 'max', not both";
    if (band.min.has_value() != c.bands[0].min.has_value()) {
      return which + ": all bands use 'min' (higher is better) or all use 'max' (lower is better)";
    }
    if (b > 0) {
      const Band& prev = c.bands[b - 1];
      bool ordered = band.min ? *band.min < *prev.min : *band.max > *prev.max;
      if (!ordered) return which + " can never apply: bands are checked in order, so list the best first";
    }
  }
  return "";
}

}  // namespace

const MethodImpl kBands = {
    {"bands",
     false,
     "the score of the first band the value falls in, else `otherwise`",
     "Threshold bands, checked in order: `bands: [{min: 30%, score: 1}, {min: 10%, score: 0.7}]` gives "
     "full points from 30%, 70% from 10%, else `otherwise`. For lower-is-better use `max:` instead of "
     "`min:` in each band.",
     {{"bands", ParamType::kBands, true, 0,
       "The bands, best first: each `{min: value, score: share}` or `{max: value, score: share}`."},
      {"otherwise", ParamType::kNumber, false, 0, "The score of a value in no band."}},
     MethodTraits{}},
    Score,
    Explain,
    Check};

}  // namespace makerscore::detail
