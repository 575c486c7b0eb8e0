// Fuzzes the formula parser, resolver, renderer and evaluator.
#include <Eigen/Core>
#include <string_view>
#include <vector>

#include "formula/formula.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace makerscore::detail;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  Formula f;
  std::vector<FormulaError> errors;
  if (!Formula::Parse(text, &f, &errors)) return 0;
  const std::vector<std::string> names = {"a", "b", "c"};
  auto lookup = [&](const std::string& n) {
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i] == n) return static_cast<int>(i);
    }
    return -1;
  };
  if (!f.Resolve(lookup, names, &errors)) return 0;
  // Values chosen to reach division by zero, negatives, NaN and large numbers.
  Eigen::VectorXd a(4), b(4), c(4);
  a << 0, 1, -2, 1e300;
  b << 0, -1, 3, std::nan("");
  c << 5, 0, 0.5, -1e-300;
  const double* cur[] = {a.data(), b.data(), c.data()};
  Columns cols{cur, cur, 4};
  Eigen::ArrayXd out(4);
  Eigen::Array<std::uint16_t, Eigen::Dynamic, 1> flags = Eigen::Array<std::uint16_t, Eigen::Dynamic, 1>::Zero(4);
  Evaluate(f, cols, &out, &flags);
  (void)f.Render();
  (void)f.Render([&](int field, bool) { return cur[field][1]; });
  return 0;
}
