// makerscore: version.
#ifndef MAKERSCORE_VERSION_H_
#define MAKERSCORE_VERSION_H_

#define MAKERSCORE_VERSION_MAJOR 0
#define MAKERSCORE_VERSION_MINOR 1
#define MAKERSCORE_VERSION_PATCH 0

namespace makerscore {
// "0.1.0"
inline const char* Version() { return "0.1.0"; }
}  // namespace makerscore

#endif  // MAKERSCORE_VERSION_H_
