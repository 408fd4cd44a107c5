// Starts the review on the terminal: the alternate screen while it runs, restored when the user quits.
import { render } from "ink";
import { ReviewApp, type ReviewAppProps } from "./App.js";

const enterAlternateScreen = "\u001b[?1049h";
const leaveAlternateScreen = "\u001b[?1049l";

export async function startReview(props: Omit<ReviewAppProps, "afterEditor">): Promise<void> {
  // editors switch the screen back to the main one when they exit
  const afterEditor = (): void => {
    process.stdout.write(enterAlternateScreen);
  };
  process.stdout.write(enterAlternateScreen);
  try {
    const instance = render(<ReviewApp {...props} afterEditor={afterEditor} />, { exitOnCtrlC: false });
    await instance.waitUntilExit();
  } finally {
    process.stdout.write(leaveAlternateScreen);
  }
}
