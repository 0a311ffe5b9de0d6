import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';

/**
 * One nested object validated as class `type`. `IsObject` first: class-validator's `ValidateNested` alone accepts an
 * array and validates its elements (`date: [{ "edtf": "2023" }]`, `recipient: []` passed the API and were refused by
 * the processor), so an array, a string or a number is refused as `isObject`.
 */
export function NestedObject(type: () => new () => object): PropertyDecorator {
  return (target, key) => {
    IsObject()(target, key);
    ValidateNested()(target, key);
    Type(type)(target, key as string);
  };
}

/** An array of objects each validated as class `type`; an element that is an array (`[[{…}]]`) is refused as `isObject`. */
export function NestedObjects(type: () => new () => object): PropertyDecorator {
  return (target, key) => {
    IsObject({ each: true })(target, key);
    ValidateNested({ each: true })(target, key);
    Type(type)(target, key as string);
  };
}
