import type { ColumnType } from "~/lib/datasets/types";

/** What each type is called on screen, in the order the type pickers list them. */
export const columnTypeLabels: Record<ColumnType, string> = {
  integer: "Integer",
  number: "Number",
  boolean: "True/false",
  date: "Date",
  text: "Text",
};

export const isNumeric = (type: ColumnType) => type === "integer" || type === "number";
