package io.esteira.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * {@code bom/pom.xml} pins every artifact this repository publishes (each jar module of the reactor
 * that is installed, found by walking the modules, so a new one cannot be forgotten), at its own
 * version, which is the reactor's; and it has no parent, so importing it pins nothing else.
 */
class BomTest {

  static final Path ROOT = Path.of("..");

  @Test
  void theBomPinsEveryPublishedJarAtTheReactorsVersionAndNothingElse() throws Exception {
    Document bom = read(ROOT.resolve("bom/pom.xml"));
    Document root = read(ROOT.resolve("pom.xml"));

    assertThat(child(bom.getDocumentElement(), "parent")).as("the BOM's parent").isNull();
    assertThat(text(bom.getDocumentElement(), "version"))
        .isEqualTo(text(root.getDocumentElement(), "version"));
    assertThat(text(bom.getDocumentElement(), "packaging")).isEqualTo("pom");

    Map<String, String> pinned = new TreeMap<>();
    Element management = child(bom.getDocumentElement(), "dependencyManagement");
    for (Element dependency : children(child(management, "dependencies"), "dependency")) {
      assertThat(text(dependency, "groupId")).isEqualTo("io.esteira");
      pinned.put(text(dependency, "artifactId"), text(dependency, "version"));
    }

    List<String> published = new ArrayList<>();
    publishedJars(ROOT, false, published);
    assertThat(published).contains("esteira-api", "esteira-sdk-processor", "esteira-sdk-aws");
    assertThat(pinned.keySet()).containsExactlyInAnyOrderElementsOf(published);
    assertThat(pinned.values()).containsOnly("${project.version}");
  }

  /** The jar modules under {@code dir} that are installed (not skipped as the examples are). */
  private static void publishedJars(Path dir, boolean skipped, List<String> found)
      throws Exception {
    Element project = read(dir.resolve("pom.xml")).getDocumentElement();
    Element properties = child(project, "properties");
    boolean skip =
        skipped || (properties != null && "true".equals(text(properties, "maven.install.skip")));
    String packaging = text(project, "packaging");
    if (!skip && (packaging == null || packaging.equals("jar"))) {
      found.add(text(project, "artifactId"));
    }
    Element modules = child(project, "modules");
    if (modules != null) {
      for (Element module : children(modules, "module")) {
        Path child = dir.resolve(module.getTextContent().trim());
        if (Files.isRegularFile(child.resolve("pom.xml"))) {
          publishedJars(child, skip, found);
        }
      }
    }
  }

  private static Document read(Path pom) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        found.add(e);
      }
    }
    return found;
  }

  private static Element child(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? null : found.get(0);
  }

  private static String text(Element parent, String name) {
    Element element = child(parent, name);
    return element == null ? null : element.getTextContent().trim();
  }
}
