// Reading inputs and writing outputs where the file system is hostile
// (issue 14): folders, devices, FIFOs and pipes as inputs; a file that
// changes while read; outputs that are devices or FIFOs, links, long names,
// a full disk and a process killed half-way; report folders written whole.
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "test_util.h"
#include "util/atomic_file.h"
#include "util/read_file.h"

namespace makerscore {
namespace {

namespace fs = std::filesystem;
using detail::FileBytes;
using detail::ReadFileBounded;

// A scratch folder, removed at the end of the test.
struct Scratch {
  fs::path dir;
  explicit Scratch(const std::string& name)
      : dir(fs::temp_directory_path() / ("makerscore-" + name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Scratch() { fs::remove_all(dir); }
  std::string operator/(const std::string& name) const { return (dir / name).string(); }
  std::vector<std::string> Entries() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
};

void Write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// While it lives, files this process writes are limited to 4 KB: a larger write fails (EFBIG) as a write to
// a full disk would (ENOSPC), in this process only.
class FullDisk {
 public:
  FullDisk() : previous_(::signal(SIGXFSZ, SIG_IGN)) {
    ::getrlimit(RLIMIT_FSIZE, &old_);
    struct rlimit small = {4096, old_.rlim_max};
    ::setrlimit(RLIMIT_FSIZE, &small);
  }
  ~FullDisk() {
    ::setrlimit(RLIMIT_FSIZE, &old_);
    ::signal(SIGXFSZ, previous_);
  }
  FullDisk(const FullDisk&) = delete;
  FullDisk& operator=(const FullDisk&) = delete;

 private:
  struct rlimit old_ {};
  void (*previous_)(int);
};

std::string Problem(const std::string& path, std::size_t limit = 1 << 20) {
  FileBytes bytes;
  return ReadFileBounded(path, limit, "rule file", &bytes);
}

TEST(ReadFile, RegularFileWholeAndExactlyAtTheLimit) {
  Scratch s("read");
  Write(s / "a.yaml", "abc");
  FileBytes bytes;
  EXPECT_EQ(ReadFileBounded(s / "a.yaml", 3, "rule file", &bytes), "");
  EXPECT_EQ(bytes.view(), "abc");
  EXPECT_EQ(Problem(s / "a.yaml", 2), "the rule file is larger than 0 MiB, the most makerscore reads as one rule file");
  Write(s / "empty.yaml", "");
  EXPECT_EQ(ReadFileBounded(s / "empty.yaml", 3, "rule file", &bytes), "");
  EXPECT_EQ(bytes.view(), "");
}

TEST(ReadFile, FoldersDevicesAndTrailingSlashesAreNamed) {
  Scratch s("read");
  Write(s / "a.yaml", "x");
  EXPECT_EQ(Problem(s.dir.string()), "is a folder, not a rule file");
  EXPECT_EQ(Problem(s.dir.string() + "/"), "is a folder, not a rule file");
  EXPECT_EQ(Problem(s / "a.yaml/"), "ends in '/', but it names a file, not a folder: write it without the '/'");
  EXPECT_EQ(Problem("/dev/zero"), "is a device, not a rule file (a device such as /dev/zero can be read without end)");
  EXPECT_EQ(Problem("/dev/null"), "is a device, not a rule file (a device such as /dev/zero can be read without end)");
  EXPECT_EQ(Problem(s / "none.yaml"), "cannot open the rule file (does it exist, and may it be read?)");
}

TEST(ReadFile, APipeIsReadUpToTheLimitAndNoFurther) {
  // A writer that never stops (like `yes`): the reader stops one byte past the limit.
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  auto* previous = ::signal(SIGPIPE, SIG_IGN);  // the writer's last write meets a closed pipe
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    std::string chunk(4096, 'y');
    while (!stop && ::write(fds[1], chunk.data(), chunk.size()) > 0) {
    }
  });
  const std::string path = "/proc/self/fd/" + std::to_string(fds[0]);
  EXPECT_EQ(Problem(path, 100000), "the rule file is larger than 0 MiB, the most makerscore reads as one rule file");
  stop = true;
  ::close(fds[0]);  // the writer's next write fails
  writer.join();
  ::close(fds[1]);
  ::signal(SIGPIPE, previous);
}

TEST(ReadFile, AFifoWithAWriterIsRead) {
  Scratch s("read");
  const std::string fifo = s / "rules.fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::thread writer([&] { Write(fifo, "format: makerscore/1\n"); });
  FileBytes bytes;
  // Opened without blocking; a writer that has not opened yet gives an empty read, so wait for it.
  std::string problem;
  for (int attempt = 0; attempt < 200; ++attempt) {
    problem = ReadFileBounded(fifo, 1 << 20, "rule file", &bytes);
    if (!problem.empty() || !bytes.view().empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  writer.join();
  EXPECT_EQ(problem, "");
  EXPECT_EQ(bytes.view(), "format: makerscore/1\n");
}

TEST(ReadFile, AFileThatShrinksWhileReadIsAnErrorNotASignal) {
  // A spreadsheet saving over the file while it is read. Before, the file was mapped and a shrinking file
  // killed the process with SIGBUS; now each read either sees a stable file or says it changed.
  Scratch s("read");
  const std::string path = s / "data.csv";
  const std::string big(8 << 20, 'x');
  Write(path, big);
  std::atomic<bool> stop{false};
  std::thread saver([&] {
    while (!stop) {
      ::truncate(path.c_str(), 1000);
      ::truncate(path.c_str(), static_cast<off_t>(big.size()));
    }
  });
  int changed = 0, whole = 0;
  for (int k = 0; k < 200; ++k) {
    FileBytes bytes;
    const std::string problem = ReadFileBounded(path, detail::kMaxDataFileBytes, "data file", &bytes);
    if (problem.empty()) {
      ++whole;
      EXPECT_TRUE(bytes.view().size() == 1000 || bytes.view().size() == big.size()) << bytes.view().size();
    } else {
      ++changed;
      EXPECT_EQ(problem,
                "the data file changed while it was being read (was a program saving it?); run again once it is saved");
    }
  }
  stop = true;
  saver.join();
  EXPECT_EQ(changed + whole, 200);
}

// A ratings file long enough that the reader gives back the pages it has read (every 262,144 rows, a
// megabyte behind): every rating, its labels and its row survive, first to last, and so does a problem
// found near the end, named with its row.
TEST(ReadFile, ALongRatingsFileReadWhileItsPagesAreGivenBack) {
  Scratch s("ratings");
  const char* levels[] = {"优", "良", "中", "差"};
  std::string text = "entity,indicator,expert,rating\n";
  const int kRows = 600000;
  for (int k = 0; k < kRows; ++k) {
    text += "S" + std::to_string(k / 5) + ",q,E" + std::to_string(k % 5) + "," + levels[k % 4] + "\n";
  }
  Write(s / "ratings.csv", text);
  const Ratings r = ReadRatingsCsv(s / "ratings.csv");
  ASSERT_EQ(r.size(), static_cast<size_t>(kRows));
  for (size_t k : {size_t{0}, size_t{1}, size_t{300000}, size_t{kRows - 1}}) {
    const Rating got = r.at(k);
    EXPECT_EQ(got.entity, "S" + std::to_string(k / 5)) << k;
    EXPECT_EQ(got.expert, "E" + std::to_string(k % 5)) << k;
    EXPECT_EQ(got.value, levels[k % 4]) << k;
    EXPECT_EQ(got.row, static_cast<int>(k) + 2) << k;
  }
  EXPECT_EQ(r.labels(Ratings::kEntity).size(), static_cast<size_t>(kRows / 5));
  text.replace(text.rfind(",q,"), 3, ",,");  // the last row's indicator left empty
  Write(s / "bad.csv", text);
  EXPECT_THROW_WITH(ReadRatingsCsv(s / "bad.csv"), DataError, "bad.csv:600001: the cell 'indicator' is empty");
}

TEST(WriteFile, ReplacesARegularFileAndKeepsItsPermissions) {
  Scratch s("write");
  const std::string out = s / "result.csv";
  Write(out, "old");
  ::chmod(out.c_str(), 0640);
  detail::WriteFileAtomically(out, "new");
  EXPECT_EQ(testing::ReadText(out), "new");
  struct stat info {};
  ::stat(out.c_str(), &info);
  EXPECT_EQ(info.st_mode & 0777, 0640u);
  EXPECT_EQ(s.Entries(), std::vector<std::string>{"result.csv"});  // no temporary left
}

TEST(WriteFile, DevicesFifosAndFoldersAreNeverReplaced) {
  Scratch s("write");
  const std::string fifo = s / "out.fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_THROW_WITH(
      detail::WriteFileAtomically(fifo, "x"), Error,
      "out.fifo: cannot write the output file: it is a FIFO (named pipe), and makerscore writes only to a "
      "regular file (it never replaces anything else)");
  EXPECT_EQ(fs::status(fifo).type(), fs::file_type::fifo);  // still the FIFO
  EXPECT_THROW_WITH(detail::WriteFileAtomically(s.dir.string(), "x"), Error, "it is a folder");
  EXPECT_THROW_WITH(detail::WriteFileAtomically("/dev/null", "x"), Error,
                    "/dev/null: cannot write the output file: it is a device");
  // The device is still a device (as root, renaming over it would have replaced the node).
  struct stat info {};
  ASSERT_EQ(::stat("/dev/null", &info), 0);
  EXPECT_TRUE(S_ISCHR(info.st_mode));
  if (::geteuid() == 0) {  // a copy of /dev/full made with mknod: never the real node
    const std::string full = s / "full";
    ASSERT_EQ(::mknod(full.c_str(), S_IFCHR | 0600, info.st_rdev + 6), 0);  // 1:7, like /dev/full
    EXPECT_THROW_WITH(detail::WriteFileAtomically(full, "x"), Error, "it is a device");
    ASSERT_EQ(::stat(full.c_str(), &info), 0);
    EXPECT_TRUE(S_ISCHR(info.st_mode));
  }
}

TEST(WriteFile, ThroughALinkTheFileItNamesIsReplaced) {
  Scratch s("write");
  Write(s / "target.csv", "old");
  fs::create_symlink(s / "target.csv", s / "link.csv");
  detail::WriteFileAtomically(s / "link.csv", "new");
  EXPECT_TRUE(fs::is_symlink(s / "link.csv"));
  EXPECT_EQ(testing::ReadText(s / "target.csv"), "new");
}

TEST(WriteFile, ALongValidNameIsNotMadeTooLongByATemporaryName) {
  Scratch s("write");
  const std::string name(250, 'n');  // 254 bytes with ".csv": valid; with "name.tmp-PID" it was not
  detail::WriteFileAtomically(s / (name + ".csv"), "x");
  detail::WriteFileAtomically(s / (name + ".csv"), "y");  // replacing, through a short hidden name
  EXPECT_EQ(testing::ReadText(s / (name + ".csv")), "y");
  EXPECT_THROW_WITH(detail::WriteFileAtomically(s / (name + "12345.csv"), "x"), Error, "File name too long");
  EXPECT_EQ(s.Entries(), std::vector<std::string>{name + ".csv"});
}

TEST(WriteFile, AFullDiskLeavesTheOldFileAndNoTemporary) {
  Scratch s("write");
  const std::string out = s / "result.csv";
  Write(out, "old");
  {
    const FullDisk full;
    EXPECT_THROW_WITH(detail::WriteFileAtomically(out, std::string(100000, 'x')), Error,
                      "result.csv: cannot write the output file: File too large");
  }
  EXPECT_EQ(testing::ReadText(out), "old");
  EXPECT_EQ(s.Entries(), std::vector<std::string>{"result.csv"});
}

TEST(WriteFile, StreamedTheFileHoldsEveryByteInOrder) {
  Scratch s("write");
  const std::string out = s / "result.csv";
  Write(out, "old");
  // 3 MB in writes of every size, across the writer's 1 MB buffer.
  std::string expected;
  detail::WriteFileAtomically(out, [&expected](std::ostream& o) {
    for (int k = 0; expected.size() < (3u << 20); ++k) {
      const std::string piece(static_cast<std::size_t>(k % 5000), static_cast<char>('a' + k % 26));
      o << piece << '\n';
      expected += piece + '\n';
    }
  });
  EXPECT_EQ(testing::ReadText(out), expected);
  EXPECT_EQ(s.Entries(), std::vector<std::string>{"result.csv"});
}

TEST(WriteFile, StreamedAFullDiskOrAWriterThatFailsLeavesTheOldFile) {
  Scratch s("write");
  const std::string out = s / "result.csv";
  Write(out, "old");
  {
    const FullDisk full;
    // Past the limit while the writer is still writing: the buffer's write fails, and so does the file.
    EXPECT_THROW_WITH(detail::WriteFileAtomically(
                          out, [](std::ostream& o) { o << std::string(3u << 20, 'x') << std::string(10, 'y'); }),
                      Error, "result.csv: cannot write the output file: File too large");
  }
  EXPECT_EQ(testing::ReadText(out), "old");
  // A writer that throws half-way: its exception passes on, nothing is written or left behind.
  EXPECT_THROW_WITH(detail::WriteFileAtomically(out,
                                                [](std::ostream& o) {
                                                  o << std::string(2u << 20, 'x');
                                                  throw DataError("the writer gave up");
                                                }),
                    DataError, "the writer gave up");
  EXPECT_EQ(testing::ReadText(out), "old");
  EXPECT_EQ(s.Entries(), std::vector<std::string>{"result.csv"});
}

TEST(WriteFile, AProcessKilledWhileWritingLeavesNoTemporaryFile) {
  Scratch s("write");
  const std::string out = s / "result.csv";
  const std::string text(64 << 20, 'x');
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    for (;;) detail::WriteFileAtomically(out, text);  // until killed
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  // The unnamed temporary (O_TMPFILE) vanished with the process: at most the finished file is there.
  for (const std::string& e : s.Entries()) EXPECT_EQ(e, "result.csv");
  if (fs::exists(out)) EXPECT_EQ(fs::file_size(out), text.size());
}

const std::string kMarker = "<meta name=\"generator\" content=\"makerscore\"/>";

TEST(WriteFolder, ANewFolderAppearsWhole) {
  Scratch s("folder");
  detail::WriteFolderAtomically(s / "report", {{"index.html", kMarker + "a"}, {"A.html", kMarker + "b"}}, kMarker);
  EXPECT_EQ(testing::ReadText(s / "report/index.html"), kMarker + "a");
  EXPECT_EQ(s.Entries(), std::vector<std::string>{"report"});
}

TEST(WriteFolder, LastYearsPagesAreReplacedNotMixedIn) {
  Scratch s("folder");
  detail::WriteFolderAtomically(s / "report", {{"index.html", kMarker + "2018"}, {"OLD.html", kMarker}}, kMarker);
  detail::WriteFolderAtomically(s / "report", {{"index.html", kMarker + "2019"}, {"NEW.html", kMarker}}, kMarker);
  EXPECT_FALSE(fs::exists(s / "report/OLD.html"));
  EXPECT_EQ(testing::ReadText(s / "report/index.html"), kMarker + "2019");
  EXPECT_EQ(s.Entries(), std::vector<std::string>{"report"});  // the earlier report is gone, no hidden folder left
}

TEST(WriteFolder, AFolderHoldingOtherFilesIsRefusedUntouched) {
  Scratch s("folder");
  fs::create_directories(s / "data");
  Write(s / "data/cohort-2019.csv", "id,income\n");
  Write(s / "data/notes.html", "<p>mine</p>");
  EXPECT_THROW_WITH(detail::WriteFolderAtomically(s / "data", {{"index.html", kMarker}}, kMarker), Error,
                    "cannot write the report into this folder: it holds 'cohort-2019.csv', 'notes.html', which are not "
                    "part of an earlier makerscore report");
  EXPECT_EQ(testing::ReadText(s / "data/cohort-2019.csv"), "id,income\n");
  EXPECT_FALSE(fs::exists(s / "data/index.html"));
}

TEST(WriteFolder, AFullDiskLeavesTheEarlierReportAsItWas) {
  Scratch s("folder");
  detail::WriteFolderAtomically(s / "report", {{"index.html", kMarker + "2018"}, {"A.html", kMarker}}, kMarker);
  {
    const FullDisk full;
    EXPECT_THROW_WITH(
        detail::WriteFolderAtomically(
            s / "report", {{"index.html", kMarker + "2019"}, {"A.html", kMarker + std::string(100000, 'x')}}, kMarker),
        Error, "cannot write the report folder (A.html): File too large; the folder was left as it was");
  }
  EXPECT_EQ(testing::ReadText(s / "report/index.html"), kMarker + "2018");
  EXPECT_EQ(s.Entries(), std::vector<std::string>{"report"});
}

TEST(WriteFolder, HiddenFoldersOfAKilledRunAreRemoved) {
  Scratch s("folder");
  // A process id that no longer runs: a child that has exited and been reaped.
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);
  const std::string stray = s / (".makerscore-" + std::to_string(child) + "-123");
  fs::create_directories(stray);
  Write(stray + "/index.html", kMarker);
  detail::WriteFolderAtomically(s / "report", {{"index.html", kMarker}}, kMarker);
  EXPECT_EQ(s.Entries(), std::vector<std::string>{"report"});
}

}  // namespace
}  // namespace makerscore

namespace makerscore {
namespace {

TEST(OutputFile, AnInputIsRecognisedUnderAnySpelling) {
  Scratch s("output");
  Write(s / "data.csv", "id\n");
  fs::create_symlink(s / "data.csv", s / "link.csv");
  fs::create_hard_link(s / "data.csv", s / "hard.csv");
  const std::string dotted = s.dir.string() + "/./data.csv";
  for (const std::string& out : {s / "data.csv", dotted, s / "link.csv", s / "hard.csv"}) {
    EXPECT_EQ(SameFileAs(out, {s / "other.csv", s / "data.csv"}), s / "data.csv") << out;
    EXPECT_THROW_WITH(WriteOutputFile(out, "x", {s / "data.csv"}), Error,
                      "cannot write the output file: it is the same file as the input " + (s / "data.csv") +
                          ", and makerscore never writes over its inputs");
  }
  EXPECT_EQ(testing::ReadText(s / "data.csv"), "id\n");
  EXPECT_EQ(SameFileAs(s / "new.csv", {s / "data.csv"}), "");
  WriteOutputFile(s / "new.csv", "x", {s / "data.csv"});
  EXPECT_EQ(testing::ReadText(s / "new.csv"), "x");
}

TEST(OutputFile, AReportIsNeverWrittenOverTheDataItCameFrom) {
  Scratch s("output");
  const char* rules =
      "format: makerscore/1\nid: r\ntitle: r\nfields: [{id: a, name: a}]\n"
      "indicators: [{id: A, name: a, weight: 100, value: a, score: {method: minmax}}]\n";
  Model m = Model::Compile(testing::RulesFromText(rules));
  Write(s / "data.html", "id,a\nX,1\nY,2\n");  // a data file whose name ends in .html, as a mistake would have it
  auto data = std::make_shared<Dataset>(ReadDatasetCsv(s / "data.html", m.rules()));
  Result r = Score(m, data);
  EXPECT_THROW_WITH(WriteHtmlReport(r, s / "data.html"), Error, "it is the same file as the input");
  EXPECT_EQ(testing::ReadText(s / "data.html"), "id,a\nX,1\nY,2\n");
}

}  // namespace
}  // namespace makerscore
