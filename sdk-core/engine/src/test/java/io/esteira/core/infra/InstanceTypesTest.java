package io.esteira.core.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InstanceTypesTest {

  private static final List<InstanceType> ALL = InstanceTypes.all();

  private static String family(InstanceType type) {
    return type.name().substring(0, type.name().indexOf('.'));
  }

  @Test
  void holdsEverySizeOfTheFamiliesTheIssueNames() {
    Map<String, Long> sizes =
        ALL.stream()
            .collect(
                Collectors.groupingBy(
                    InstanceTypesTest::family, TreeMap::new, Collectors.counting()));
    assertThat(sizes)
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.ofEntries(
                    Map.entry("c5", 9L),
                    Map.entry("c6i", 10L),
                    Map.entry("g4dn", 7L),
                    Map.entry("g5", 8L),
                    Map.entry("m4", 1L),
                    Map.entry("m5", 9L),
                    Map.entry("m6i", 10L),
                    Map.entry("m7i", 11L),
                    Map.entry("r5", 9L),
                    Map.entry("r6i", 10L),
                    Map.entry("t3", 7L))));
    assertThat(ALL).hasSize(91);
  }

  @Test
  void namesAreUniqueAndSorted() {
    assertThat(ALL).extracting(InstanceType::name).doesNotHaveDuplicates();
    assertThat(ALL).isSortedAccordingTo(Comparator.comparing(InstanceType::name));
    assertThat(ALL).allSatisfy(type -> assertThat(type.name()).matches("[a-z0-9]+\\.[a-z0-9-]+"));
  }

  /** Each family has a fixed memory per vCPU, so a typo in either column shows up here. */
  @Test
  void memoryPerVcpuMatchesTheFamily() {
    Map<String, Integer> mibPerVcpu =
        Map.of(
            "c5", 2048, "c6i", 2048, "m4", 4096, "m5", 4096, "m6i", 4096, "m7i", 4096, "r5", 8192,
            "r6i", 8192, "g4dn", 4096, "g5", 4096);
    for (InstanceType type : ALL) {
      if (!family(type).equals("t3")) {
        assertThat(type.memoryMiB())
            .as(type.name())
            .isEqualTo(type.vcpus() * mibPerVcpu.get(family(type)));
      }
    }
    assertThat(ALL.stream().filter(t -> family(t).equals("t3")))
        .extracting(InstanceType::name, InstanceType::vcpus, InstanceType::memoryMiB)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("t3.nano", 2, 512),
            org.assertj.core.groups.Tuple.tuple("t3.micro", 2, 1024),
            org.assertj.core.groups.Tuple.tuple("t3.small", 2, 2048),
            org.assertj.core.groups.Tuple.tuple("t3.medium", 2, 4096),
            org.assertj.core.groups.Tuple.tuple("t3.large", 2, 8192),
            org.assertj.core.groups.Tuple.tuple("t3.xlarge", 4, 16384),
            org.assertj.core.groups.Tuple.tuple("t3.2xlarge", 8, 32768));
  }

  @Test
  void onlyGpuFamiliesHaveGpus() {
    for (InstanceType type : ALL) {
      boolean gpuFamily = family(type).startsWith("g");
      assertThat(type.gpus() > 0).as(type.name()).isEqualTo(gpuFamily);
    }
    assertThat(InstanceTypes.find("g4dn.12xlarge")).map(InstanceType::gpus).contains(4);
    assertThat(InstanceTypes.find("g4dn.metal")).map(InstanceType::gpus).contains(8);
    assertThat(InstanceTypes.find("g5.48xlarge")).map(InstanceType::gpus).contains(8);
    assertThat(InstanceTypes.find("g5.16xlarge")).map(InstanceType::gpus).contains(1);
  }

  @Test
  void findsTypesByTheirExactName() {
    InstanceType seed = InstanceTypes.find("t3.xlarge").orElseThrow();
    assertThat(seed).isEqualTo(new InstanceType("t3.xlarge", 4, 16384, 0));
    assertThat(seed.cpuUnits()).isEqualTo(4096);
    assertThat(InstanceTypes.find("m7i.metal-48xl")).map(InstanceType::vcpus).contains(192);
    assertThat(InstanceTypes.find("c5.9xlarge")).map(InstanceType::memoryMiB).contains(73728);
    assertThat(InstanceTypes.find("x9.huge")).isEmpty();
    assertThat(InstanceTypes.find("T3.XLARGE")).isEmpty();
    assertThat(InstanceTypes.find("")).isEmpty();
  }

  @Test
  void registersNoMoreThanTheM4LargeOfAwsExample() {
    InstanceType m4 = InstanceTypes.find("m4.large").orElseThrow();
    assertThat(m4.memoryMiB()).isEqualTo(8192);
    assertThat(m4.registeredMemoryMiB()).isEqualTo(7444).isLessThanOrEqualTo(7985);
  }

  /**
   * Memory the OS reported on real instances (nominal minus the overhead measured per type on
   * Amazon Linux; m4.large is AWS's documented 7,985 MiB): the estimate never promises more.
   */
  @ParameterizedTest(name = "{0} reports {1} MiB")
  @CsvSource({
    "t3.nano, 423",
    "t3.micro, 920",
    "t3.medium, 3843",
    "t3.xlarge, 15795",
    "m4.large, 7985",
    "m5.large, 7633",
    "m5.4xlarge, 62818",
    "m6i.32xlarge, 507848",
    "c5.large, 3663",
    "c5.9xlarge, 70207",
    "c5.18xlarge, 140728",
    "c6i.large, 3823",
    "r5.24xlarge, 765683",
    "r6i.32xlarge, 1015880",
    "g4dn.xlarge, 15685",
    "g5.48xlarge, 765881",
  })
  void neverPromisesMoreThanTheInstanceReported(String name, int reportedMiB) {
    assertThat(InstanceTypes.find(name).orElseThrow().registeredMemoryMiB())
        .isLessThanOrEqualTo(reportedMiB);
  }

  @Test
  void registeredMemoryGrowsWithNominalMemoryAndStaysBelowIt() {
    for (InstanceType type : ALL) {
      assertThat(type.registeredMemoryMiB())
          .as(type.name())
          .isPositive()
          .isLessThan(type.memoryMiB());
    }
    assertThat(new InstanceType("tiny.nano", 1, 200, 0).registeredMemoryMiB()).isZero();
  }

  @Test
  void aStepFitsWhenBothItsCpuAndItsMemoryFit() {
    InstanceType seed = InstanceTypes.find("t3.xlarge").orElseThrow(); // 4 vCPU, 15,144 MiB
    assertThat(seed.fits(2048, 8192)).isTrue(); // the origin's score_model step
    assertThat(seed.fits(4096, 15144)).isTrue();
    assertThat(seed.fits(4096, 15145)).isFalse();
    assertThat(seed.fits(4096, 16384)).isFalse(); // all of the nominal memory never starts
    assertThat(seed.fits(4097, 1024)).isFalse();
  }

  @Test
  void refusesAMalformedTable() {
    assertThatThrownBy(() -> parse("name,vcpus,memory_mib,gpus\nt3.nano,2,512\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("line 2 't3.nano,2,512': expected 4 cells, found 3");
    assertThatThrownBy(() -> parse("# comment\nname,vcpus,memory_mib,gpus\n\nt3.nano,2,lots,0\n"))
        .hasMessageContaining("line 4");
    assertThatThrownBy(() -> parse("name,vcpus,memory_mib,gpus\na.b,2,512,0\na.b,2,512,0\n"))
        .hasMessageContaining("line 3 'a.b,2,512,0': a.b is already on line 2");
    assertThatThrownBy(() -> parse("name,vcpus,memory_mib,gpus\na.b,0,512,0\n"))
        .hasMessageContaining("needs positive vCPUs and memory");
  }

  @Test
  void readsCommentsHeaderAndRows() throws Exception {
    assertThat(parse("# types\nname,vcpus,memory_mib,gpus\nb.x,2,4096,0\n a.x , 4 , 8192 , 1 \n"))
        .containsExactly(new InstanceType("a.x", 4, 8192, 1), new InstanceType("b.x", 2, 4096, 0));
  }

  private static List<InstanceType> parse(String csv) throws Exception {
    return InstanceTypes.parse(new BufferedReader(new StringReader(csv)));
  }
}
