package fr.carnet.reference.model;

/** A cell of the authorisation matrix. */
public enum Rights {
  NONE("-"),
  READ("R"),
  WRITE("W"),
  READ_WRITE("RW");

  private final String cell;

  Rights(String cell) {
    this.cell = cell;
  }

  public boolean mayRead() {
    return this == READ || this == READ_WRITE;
  }

  public boolean mayWrite() {
    return this == WRITE || this == READ_WRITE;
  }

  public String cell() {
    return cell;
  }

  public static Rights ofCell(String cell) {
    for (Rights rights : values()) {
      if (rights.cell.equals(cell)) {
        return rights;
      }
    }
    throw new IllegalArgumentException("Not a matrix cell: " + cell);
  }
}
