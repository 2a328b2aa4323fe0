import { mountWpsPane } from "./wps-pane";

const el = document.getElementById("root");
if (el) mountWpsPane(el);
