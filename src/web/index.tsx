import { createRoot } from "react-dom/client";
import { WebApp } from "./WebApp";

const el = document.getElementById("root");
if (el) createRoot(el).render(<WebApp />);
